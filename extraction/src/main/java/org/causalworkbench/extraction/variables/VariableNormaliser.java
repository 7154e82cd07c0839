package org.causalworkbench.extraction.variables;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.causalworkbench.core.model.Token;
import org.causalworkbench.inference.cue.ChangeNouns;

/**
 * Where a cause or effect span becomes a variable name: it keeps what specifies the variable and
 * drops what does not, from parts of speech and lemmas alone (no parse).
 *
 * <ul>
 *   <li>Determiners, numbers, possessives, degree words ("higher", "severe", "rising") and hedges
 *       ("possible") go; plural nouns become singular; lower case.
 *   <li>A noun phrase ends where a clause or a context phrase starts ("in infants", "among
 *       school-age children", "which ..."): the population, place and time say where a variable was
 *       measured, not what it is.
 *   <li>"X of Y" and "X to Y" complements fold into a compound when short: "the risk of developing
 *       psychiatric disorders" becomes {@code psychiatric disorder risk}, "exposure to air
 *       pollution" {@code air pollution exposure}, "the closure of rural clinics" {@code rural
 *       clinic closure}.
 *   <li>A clause (an event: "workers staged an all-night sit-in") becomes its object with the verb
 *       ({@code all-night sit-in} after a light verb such as "stage", else {@code close clinic}),
 *       or, without an object, its subject with the verb ({@code price rise}, {@code demand not met}).
 *   <li>A generic head on its own ({@code risk}, {@code level}, {@code factor}, {@code effect},
 *       {@code study}, ...) names nothing: {@link #name} gives null, and such a relation makes no
 *       edge.
 * </ul>
 */
public final class VariableNormaliser {

  /** Longest name kept, in words; longer ones keep their last words (the head's end). */
  static final int MAX_WORDS = 6;

  /** Heads that name no variable on their own. */
  static final Set<String> GENERIC_HEADS = Set.of(
      "risk", "level", "factor", "effect", "study", "influence", "change", "rate", "increase", "decrease", "number",
      "amount", "role", "impact", "outcome", "result", "association", "relationship", "evidence", "analysis", "data",
      "finding", "cause", "consequence", "reason", "problem", "issue", "situation", "condition", "process", "thing",
      "way", "fact", "case", "event", "development", "group", "lot", "kind", "sort", "type", "part", "aspect",
      "trend", "pattern", "difference", "variation", "measure", "effort", "action", "activity", "use", "response",
      "decline", "rise", "fall", "drop", "growth", "loss", "improvement", "reduction", "cost", "value", "time",
      "year", "month", "week", "day", "percent", "%", "people", "person", "one", "other", "area", "place",
      "research", "work", "paper", "report", "article", "trial", "experiment", "model", "method", "approach",
      "mechanism", "pathway", "link", "correlation", "relation", "interaction", "contribution", "period", "call",
      "voice", "question", "platform", "step", "point", "side", "others", "lesson", "attempt", "bid");

  /** Words that only say how much or which way a thing changed, or how sure the text is: dropped before a head. */
  static final Set<String> DEGREE_WORDS = Set.of(
      "heavy", "severe", "sharp", "prolonged", "significant", "significantly", "major", "minor", "large", "small",
      "big", "high", "higher", "highest", "low", "lower", "lowest", "great", "greater", "strong", "stronger", "weak",
      "weaker", "rising", "falling", "increasing", "decreasing", "declining", "growing", "increased", "decreased",
      "reduced", "elevated", "more", "less", "fewer", "much", "many", "several", "sudden", "steady", "rapid", "slow",
      "substantial", "widespread", "frequent", "persistent", "extreme", "recent", "new", "further", "other", "same",
      "such", "certain", "overall", "total", "additional", "excessive", "long", "short", "longer", "shorter", "worse",
      "better", "poor", "poorer", "good", "possible", "potential", "likely", "putative", "suspected", "alleged",
      "so-called", "apparent", "considerable", "marked", "modest", "slight", "dramatic", "enormous", "huge",
      "massive", "serious", "average", "mean", "various", "different", "particular", "specific", "main", "key",
      "important", "current", "subsequent", "consequent", "resulting", "associated", "related", "relevant", "some",
      "any", "all", "most", "both", "each", "every", "no", "few", "little", "enough", "own", "former", "latter",
      "raised", "lowered", "boosted", "heightened", "diminished", "doubled", "halved", "improved", "worsened",
      "expanded", "shrunk", "accelerated", "slowed", "intensified", "weakened", "strengthened", "enhanced",
      "estimated", "approximately", "roughly", "nearly", "almost", "about");

  /** Prepositions that open a phrase of context (who, where, when): the name ends before them. */
  static final Set<String> CONTEXT_PREPOSITIONS = Set.of(
      "in", "among", "at", "during", "for", "from", "since", "after", "before", "within", "across", "over", "under",
      "between", "by", "near", "around", "through", "throughout", "via", "per", "than", "like", "including",
      "despite", "with", "without", "into", "onto", "upon", "on", "amid", "amongst", "towards", "toward", "until",
      "as", "against", "along", "beyond", "outside", "inside", "above", "below", "behind", "beside", "besides", "about",
      "following", "because", "due", "if", "when", "while", "whereas", "although", "though", "unless", "once");

  /** Verbs that only carry their object as the event: "staged a sit-in" is the sit-in. */
  static final Set<String> LIGHT_VERBS = Set.of(
      "stage", "hold", "have", "take", "make", "launch", "start", "begin", "do", "give", "conduct", "organize",
      "organise", "get", "see", "experience", "suffer", "face", "record", "report", "undergo", "show", "exhibit",
      "display", "carry", "mount", "call", "announce", "declare", "receive", "hit", "reach", "become", "remain",
      "lead", "cause", "trigger", "produce", "create");

  /** Verbs of change: an intransitive one names no event of its own, only which way its subject moved. */
  static final Set<String> CHANGE_VERBS = Set.of(
      "rise", "fall", "drop", "increase", "decrease", "decline", "grow", "shrink", "double", "triple", "halve",
      "surge", "soar", "plunge", "climb", "jump", "collapse", "slump", "improve", "worsen", "deteriorate", "expand",
      "contract", "recover", "rebound", "dip", "spike", "ease", "slow", "accelerate", "fluctuate", "tumble",
      "dwindle", "diminish", "multiply", "quadruple", "peak", "slide", "sink", "rocket");

  /** Nouns a "to" phrase completes: "exposure to air pollution", "access to clean water". */
  static final Set<String> TO_HEADS = Set.of(
      "exposure", "access", "resistance", "adherence", "susceptibility", "sensitivity", "vulnerability", "proximity",
      "distance", "commitment", "switch", "shift", "transition", "migration", "travel", "visit", "export", "import",
      "aid", "damage", "injury", "threat", "risk", "harm", "reaction", "contribution", "allergy", "attachment");

  /** Nouns that only say a phrase is a cause or an effect: "a major cause of lung cancer" is lung cancer. */
  static final Set<String> CAUSAL_NOUNS = Set.of(
      "cause", "effect", "consequence", "result", "outcome", "driver", "source", "reason", "factor", "determinant",
      "contributor", "predictor", "trigger", "origin", "root");

  /** Nouns that only count or group: "a wave of resignations" is resignations. */
  static final Set<String> QUANTITY_HEADS = Set.of(
      "wave", "series", "spate", "string", "host", "flood", "handful", "majority", "minority", "bulk", "range", "set",
      "lot", "couple", "dozen", "variety", "kind", "type", "sort", "form", "group", "batch", "bunch", "plenty",
      "number", "amount", "count", "quantity", "volume", "pair",
      "hundreds", "thousands", "millions", "dozens", "scores", "array", "collection", "hundred", "thousand",
      "million");

  /** When a thing happened, which news text puts beside it: never part of its name. */
  static final Set<String> TIME_WORDS = Set.of(
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "morning", "afternoon",
      "evening", "night", "weekend", "today", "yesterday", "tonight", "tomorrow", "overnight");

  /** Verbs that name an event with a prepositional phrase: "go on strike", "come into force". */
  static final Set<String> PHRASAL_VERBS = Set.of("go", "come", "take", "break", "enter", "fall", "walk", "put");

  /** Units of an amount, which make a verb's object a measure of change ("fell 85 percent"). */
  static final Set<String> MEASURE_UNITS = Set.of(
      "percent", "%", "point", "percentage", "third", "half", "quarter", "fifth", "tenth", "fold", "time", "dollar",
      "euro", "million", "billion", "thousand", "hundred", "unit", "degree", "tonne", "ton", "year", "month", "week",
      "day", "hour");

  /** Words that take a part of what follows "of": "melted most of the glacier" acts on the glacier. */
  static final Set<String> PARTITIVES = Set.of("most", "much", "all", "some", "half", "many", "part", "none", "each");

  /** Verbs that say an action began, went on or ended: "kept planting trees" is the tree planting. */
  static final Set<String> ASPECTUAL_VERBS = Set.of(
      "begin", "start", "keep", "continue", "stop", "resume", "cease", "quit", "finish", "halt", "end");

  /** Verbs that move their object up or down: a gerund of one names its object ("cutting the sugar content"). */
  static final Set<String> MOVING_VERBS = Set.of(
      "cut", "raise", "reduce", "lower", "boost", "lift", "slash", "curb", "trim", "deplete", "restore", "weaken",
      "strengthen", "enhance", "minimise", "minimize", "maximise", "maximize", "tighten", "loosen", "hike", "limit");

  /** Gerunds that open an "of" complement without naming anything: "the risk of developing X". */
  static final Set<String> EMPTY_GERUNDS = Set.of(
      "developing", "having", "getting", "contracting", "suffering", "experiencing", "acquiring", "becoming");

  /**
   * The variable a span names, or null when nothing specific remains.
   *
   * @param tokens the span's tokens in order, with parts of speech and lemmas
   */
  public String name(List<Token> tokens) {
    return name(tokens, null);
  }

  /**
   * @param next the sentence's token right after the span, or null: a span that ends in a verb
   *     followed by another verb ends in a noun CoreNLP took for a verb ("ambulance calls | nearly
   *     doubled")
   */
  public String name(List<Token> tokens, Token next) {
    List<Token> t = trim(withoutRelativeClause(withoutFrontedPhrase(joinHyphenated(tokens))));
    if (t.isEmpty()) {
      return null;
    }
    if (t.size() > 2 && (t.get(0).pos().equals("VBN") || t.get(0).pos().equals("VBD"))
        && (Set.of("DT", "CD", "PRP$", "PDT").contains(t.get(1).pos())
            || PARTITIVES.contains(lower(t.get(1))) && lower(t.get(2)).equals("of"))) {
      // A participle before an article is the relation's verb, not a modifier: "prevented an estimated ... deaths".
      t = t.subList(1, t.size());
    }
    int verb = mainVerb(t);
    boolean predicateFollows = next != null && (next.pos().startsWith("VB") || next.pos().equals("MD")
        || next.pos().startsWith("RB"));
    if (verb == t.size() - 1 && predicateFollows && t.size() > 1 && t.get(verb - 1).isNoun()
        && !isAuxiliary(lemma(t.get(verb))) && !t.get(verb).pos().equals("MD")) {
      Token last = t.get(verb);
      t = new ArrayList<>(t.subList(0, verb));
      t.add(new Token(last.index(), last.word(), last.lemma(), last.word().endsWith("s") ? "NNS" : "NN", last.begin(),
          last.end()));
      verb = -1;
    }
    List<String> words = verb >= 0 ? clause(t, verb) : nounPhrase(t);
    if (words.isEmpty()) {
      return null;
    }
    if (words.size() > MAX_WORDS) {
      words = words.subList(words.size() - MAX_WORDS, words.size());
    }
    String name = String.join(" ", words);
    // A gerund left alone ("asking them to ...", "identifying those who ...") names no variable.
    boolean verbOnly = t.size() == 1 && (t.get(0).pos().startsWith("VB") || t.get(0).pos().equals("IN"))
        || t.get(0).pos().equals("VBG") && name.equals(lower(t.get(0)));
    if (words.size() == 1 && (GENERIC_HEADS.contains(name) || name.length() < 2 || verbOnly)) {
      return null;
    }
    return name;
  }

  /**
   * A noun's relative clause says more about it without naming another thing: "poor pollination,
   * which reduced fruit set" names the pollination.
   */
  private static List<Token> withoutRelativeClause(List<Token> t) {
    for (int i = 1; i < t.size(); i++) {
      String pos = t.get(i).pos();
      if ((pos.equals("WDT") || pos.equals("WP")) && (t.get(i - 1).isNoun()
          || t.get(i - 1).word().equals(",") && i > 1 && t.get(i - 2).isNoun())) {
        return t.subList(0, i);
      }
    }
    return t;
  }

  // ---------------------------------------------------------------- clauses

  /** The first finite verb (or a bare infinitive after "to") that heads a clause in the span; -1 for none. */
  private static int mainVerb(List<Token> t) {
    for (int i = 0; i < t.size(); i++) {
      String pos = t.get(i).pos();
      if (pos.equals("VBD") || pos.equals("VBZ") || pos.equals("VBP") || pos.equals("MD")) {
        return i;
      }
      if (pos.equals("VB") && (i == 0 || t.get(i - 1).pos().equals("TO"))) {
        return i;
      }
    }
    return -1;
  }

  /** An event as a short phrase: its object with the verb, or its subject with the verb. */
  private List<String> clause(List<Token> t, int finite) {
    // Auxiliaries, modals and negation before the lexical verb: "were not met", "has been closed".
    boolean negated = false;
    int verb = finite;
    while (verb < t.size()) {
      Token v = t.get(verb);
      String lemma = lemma(v);
      if (v.pos().equals("RB") && (lemma.equals("not") || lemma.equals("n't") || lemma.equals("never"))) {
        negated = true;
      } else if (!(v.pos().equals("MD") || v.pos().equals("RB") || isAuxiliary(lemma) && verb + 1 < t.size()
          && (t.get(verb + 1).pos().startsWith("VB") || t.get(verb + 1).pos().equals("RB")))) {
        break;
      }
      verb++;
    }
    if (verb >= t.size()) {
      verb = finite;
    }
    Token v = t.get(verb);
    List<String> subject = nounPhrase(subjectRegion(t, finite));
    List<Token> rest = objectPlurals(t.subList(Math.min(t.size(), verb + 1), t.size()));
    // Particles and an object's opening preposition: "cut off", "resulted in".
    while (!rest.isEmpty() && (rest.get(0).pos().equals("RP"))) {
      rest = rest.subList(1, rest.size());
    }
    // An object that points back at the subject's own ("smother their shells", "supply their food") leaves the
    // subject as what the clause is about.
    boolean ownObject = !rest.isEmpty() && rest.get(0).pos().equals("PRP$") && !subjectRegion(t, finite).isEmpty();
    List<String> object = rest.isEmpty() || !startsNounPhrase(rest.get(0)) || measure(rest) || ownObject ? List.of()
        : nounPhrase(rest);
    String verbWord = v.pos().equals("VBN") ? v.word().toLowerCase(Locale.ROOT) : lemma(v);
    if (ASPECTUAL_VERBS.contains(lemma(v)) && rest.size() > 1 && lower(rest.get(0)).endsWith("ing")
        && (rest.get(0).pos().equals("VBG") || rest.get(0).pos().equals("NN"))) {
      // "councils kept planting trees": the gerund is the action, whatever its object looks like.
      List<String> event = gerundEvent(rest);
      if (!event.isEmpty()) {
        return event;
      }
    }
    if (v.pos().startsWith("JJ") || v.pos().startsWith("NN")) {
      // A copula and a complement: "prices were high" names the prices.
      return subject.isEmpty() ? nounPhrase(t.subList(verb, t.size())) : subject;
    }
    if (subject.isEmpty() && finite == 0) {
      // No subject: the verb is the relation's own predicate ("drove a wave of resignations", "led to 11
      // deaths"); what follows it is the variable.
      List<Token> after = rest;
      while (!after.isEmpty() && (after.get(0).pos().equals("TO") || after.get(0).pos().equals("IN"))) {
        after = after.subList(1, after.size());
      }
      return nounPhrase(after);
    }
    if (!negated && CHANGE_VERBS.contains(lemma(v)) && (object.isEmpty() || measure(rest)) && !subject.isEmpty()) {
      // "prices rose": the variable is the prices; which way they moved is the relation's polarity.
      return subject;
    }
    if (object.isEmpty() && PHRASAL_VERBS.contains(lemma(v)) && !rest.isEmpty() && rest.get(0).pos().equals("IN")) {
      // "went on strike", "came into force": the event is the phrase's noun.
      List<String> event = nounPhrase(rest.subList(1, rest.size()));
      if (!event.isEmpty() && TIME_WORDS.containsAll(event) && !subject.isEmpty()) {
        return subject; // "came on Saturday morning" says when, not what
      }
      if (!event.isEmpty()) {
        List<String> out = new ArrayList<>(subject);
        out.addAll(event);
        return out;
      }
    }
    List<String> out = new ArrayList<>();
    if (!object.isEmpty() && !isAuxiliary(lemma(v))) {
      // "producers cut output": the variable is what the verb acts on; which way it moves it is the polarity.
      if (negated) {
        out.add("no");
      }
      boolean generic = object.size() == 1 && GENERIC_HEADS.contains(object.get(0));
      if (generic && !LIGHT_VERBS.contains(lemma(v))) {
        out.add(verbWord);
      }
      out.addAll(object);
      return out;
    }
    if (subject.isEmpty()) {
      return object;
    }
    // Without an object the variable is the subject ("the strike resumed", "smoke drifted into the valley"):
    // the verb is what happened to it. A negation changes what the subject is, so it stays ("demand not met").
    out.addAll(subject);
    if (negated) {
      out.add("not");
      out.add(verbWord);
    }
    return out;
  }

  /**
   * After a verb, a -s form right after a singular noun and before no object of its own is the
   * noun's plural ("shifted algal blooms earlier", "cut fish kills by half"): CoreNLP's tagger reads
   * it as a second verb.
   */
  private static List<Token> objectPlurals(List<Token> rest) {
    List<Token> out = null;
    for (int i = 1; i < rest.size(); i++) {
      Token x = rest.get(i);
      boolean hasObject = i + 1 < rest.size() && startsNounPhrase(rest.get(i + 1));
      if (x.pos().equals("VBZ") && x.word().endsWith("s") && rest.get(i - 1).pos().equals("NN") && !hasObject
          && !isAuxiliary(lemma(x))) {
        if (out == null) {
          out = new ArrayList<>(rest);
        }
        out.set(i, new Token(x.index(), x.word(), x.lemma(), "NNS", x.begin(), x.end()));
      }
    }
    return out == null ? rest : out;
  }

  /** "85 percent", "by a third", "to 4 %": how much a thing moved, not an object. */
  private static boolean measure(List<Token> rest) {
    Token first = rest.get(0);
    if (!first.pos().equals("CD") && !first.pos().equals("DT")) {
      return false;
    }
    for (Token t : rest) {
      String w = t.word().toLowerCase(Locale.ROOT);
      if (t.isNoun() && !MEASURE_UNITS.contains(t.lemma().toLowerCase(Locale.ROOT)) && !w.equals("%")) {
        return false;
      }
      if (t.pos().equals("IN") || t.pos().equals(",")) {
        break;
      }
    }
    return true;
  }

  /**
   * The span without a fronted adverbial and its comma ("Among children under five, malaria cases
   * ...", "In 2020, arrivals ..."): a phrase of time, place or group before the words that name the
   * variable.
   */
  private static List<Token> withoutFrontedPhrase(List<Token> t) {
    if (t.isEmpty() || !(t.get(0).pos().equals("IN") || t.get(0).pos().equals("RB") || t.get(0).pos().equals("CD"))
        || lower(t.get(0)).equals("to")) {
      return t; // "to 11 deaths, mostly among ...": the relation's own preposition, trimmed later
    }
    for (int i = 1; i + 1 < t.size(); i++) {
      if (t.get(i).word().equals(",")) {
        return t.subList(i + 1, t.size());
      }
      if (t.get(0).pos().equals("CD") && (t.get(i).pos().equals("NN") || t.get(i).pos().equals("NNS"))) {
        return t; // "14 deaths, mostly among infants": a count of the head, not a date ("2020, ...", "14 July, ...")
      }
    }
    return t;
  }

  /**
   * Where a clause's subject is: the words before its verb, after the last comma among them (a
   * fronted phrase such as "In infants," or "Among children under five," is not the subject).
   */
  private static List<Token> subjectRegion(List<Token> t, int verb) {
    int from = 0;
    for (int i = 0; i < verb; i++) {
      if (t.get(i).word().equals(",")) {
        from = i + 1;
      }
    }
    return from < verb ? t.subList(from, verb) : t.subList(0, verb);
  }

  private static boolean isAuxiliary(String lemma) {
    return lemma.equals("be") || lemma.equals("have") || lemma.equals("do") || lemma.equals("get");
  }

  private static boolean startsNounPhrase(Token t) {
    String pos = t.pos();
    return pos.startsWith("NN") || pos.startsWith("JJ") || pos.equals("DT") || pos.equals("CD")
        || pos.equals("PRP$") || pos.equals("VBG") || pos.equals("VBN") || pos.equals("PDT");
  }

  // ---------------------------------------------------------------- noun phrases

  /** A noun phrase's name: its core up to a context phrase or clause, with short complements folded in. */
  private List<String> nounPhrase(List<Token> tokens) {
    List<Token> t = trim(tokens);
    if (t.size() > 1 && t.get(0).pos().equals("VBG") && startsNounPhrase(t.get(1)) && !t.get(1).isNoun()) {
      // A gerund with its object acts on the object: "cutting the sugar content of popular brands", "demanding
      // better working conditions" (news text puts many verbs of saying here: the object is the variable).
      List<String> object = nounPhrase(t.subList(1, t.size()));
      if (!object.isEmpty()) {
        return object;
      }
    }
    int end = coreEnd(t, 0);
    List<Token> core = t.subList(0, end);
    // "a rise in X", "the collapse of X" name X (which way it moved is the relation's polarity).
    // "a cause of X", "a wave of X" name X: the head only says how X stands to the rest.
    String headLemma = end > 0 ? lemma(t.get(end - 1)) : "";
    // A noun before the change noun names what changed ("job losses in steel" is about jobs).
    boolean bareChange = ChangeNouns.is(headLemma) && core.subList(0, end - 1).stream()
        .noneMatch(token -> token.isNoun() && !MEASURE_UNITS.contains(lemma(token)));
    boolean change = end > 0 && end < t.size() && (bareChange
        && (lower(t.get(end)).equals("in") || lower(t.get(end)).equals("of") || lower(t.get(end)).equals("to"))
        || (CAUSAL_NOUNS.contains(headLemma) || QUANTITY_HEADS.contains(headLemma)) && lower(t.get(end)).equals("of"));
    if (change) {
      return nounPhrase(t.subList(end + 1, t.size()));
    }
    // "X of Y" / "X to Y": the complement runs to the next context phrase or clause.
    if (end < t.size() && end > 0 && isComplement(t.get(end), t.get(end - 1))
        && (t.get(end - 1).isNoun() || modifiers(core).isEmpty())) {
      int start = end + 1;
      while (start < t.size() && (t.get(start).pos().equals("DT") || t.get(start).pos().equals("PRP$")
          || EMPTY_GERUNDS.contains(t.get(start).word().toLowerCase(Locale.ROOT)))) {
        start++;
      }
      int complementEnd = coreEnd(t, start);
      List<String> head = modifiers(core);
      List<String> complement = modifiers(t.subList(Math.min(start, complementEnd), complementEnd));
      if (!complement.isEmpty() && !head.isEmpty()) {
        List<String> out = new ArrayList<>();
        // "price of crude oil" reads as "crude oil price"; a head with an adjective keeps its "of"
        // ("bacterial decomposition of dead algae", not "dead algae bacterial decomposition").
        boolean describedHead = core.stream().anyMatch(x -> x.pos().startsWith("JJ") && head.contains(lower(x)));
        if (complement.size() <= 3 && !describedHead) {
          out.addAll(complement);
          out.addAll(head);
        } else {
          out.addAll(head);
          out.add(lemma(t.get(end)).equals("to") ? "to" : "of");
          out.addAll(complement);
        }
        return out;
      }
      if (!complement.isEmpty()) {
        return complement;
      }
    }
    return modifiers(core);
  }

  /**
   * A gerund after a verb of beginning or going on, with its object: the action on the object
   * ("started pruning their vines" is vine pruning), or the object alone when the gerund only moves
   * it ("began cutting fees").
   */
  private List<String> gerundEvent(List<Token> t) {
    List<String> object = nounPhrase(t.subList(1, t.size()));
    String gerund = lemma(t.get(0));
    if (object.isEmpty() || CHANGE_VERBS.contains(gerund) || MOVING_VERBS.contains(gerund)
        || LIGHT_VERBS.contains(gerund)) {
      return object;
    }
    List<String> out = new ArrayList<>(object);
    out.add(lower(t.get(0)));
    return out;
  }

  /** "of" folds into a compound after any noun; "to" only after the nouns it completes ("exposure to"). */
  private static boolean isComplement(Token t, Token head) {
    String w = t.word().toLowerCase(Locale.ROOT);
    return w.equals("of") || w.equals("to") && TO_HEADS.contains(head.lemma().toLowerCase(Locale.ROOT));
  }

  /** Where the core of a noun phrase starting at {@code from} ends: before a preposition, clause or punctuation. */
  private static int coreEnd(List<Token> t, int from) {
    int i = from;
    while (i < t.size()) {
      Token x = t.get(i);
      String pos = x.pos();
      String word = x.word().toLowerCase(Locale.ROOT);
      boolean boundary = pos.equals("IN") || pos.equals("TO") || pos.equals("WDT") || pos.equals("WP")
          || pos.equals("WRB") || pos.equals(",") || pos.equals(":") || pos.equals("-LRB-") || pos.equals("CC")
          || pos.equals(".") || pos.equals("VBD") || pos.equals("VBZ") || pos.equals("VBP") || pos.equals("MD")
          || CONTEXT_PREPOSITIONS.contains(word) && !pos.startsWith("NN") && !pos.startsWith("JJ");
      // A participle after the head starts a reduced clause ("children living near ports", "water supplied
      // through pipes"); a gerund after a singular noun is a compound's head ("vessel rerouting", "coral bleaching").
      boolean compoundGerund = pos.equals("VBG") && i > from && t.get(i - 1).pos().equals("NN");
      boolean reduced = (pos.equals("VBG") || pos.equals("VBN")) && i > from && t.get(i - 1).isNoun()
          && (i + 1 >= t.size() || !t.get(i + 1).isNoun()) && !compoundGerund;
      if (boundary || reduced) {
        break;
      }
      i++;
    }
    return i;
  }

  /** The words of a phrase that specify it: content words, plurals made singular, degree words dropped. */
  private static List<String> modifiers(List<Token> phrase) {
    List<Token> t = trim(phrase);
    List<Token> untimed = t.stream().filter(x -> !TIME_WORDS.contains(lower(x))).toList();
    if (untimed.stream().anyMatch(Token::isNoun)) {
      t = untimed; // "a police team Thursday morning" is the police team
    }
    int head = t.size() - 1;
    while (head >= 0 && !t.get(head).isNoun() && !t.get(head).pos().equals("VBG")) {
      head--;
    }
    if (head < 0) {
      // No noun: a participle alone ("dissatisfied", "unemployed") can still name a state; a plain adjective
      // ("foremost", "reminiscent") names nothing.
      List<String> out = new ArrayList<>();
      for (Token x : t) {
        boolean participle = x.pos().equals("VBN") || x.pos().startsWith("JJ") && lower(x).endsWith("ed");
        if (participle && !DEGREE_WORDS.contains(lower(x))) {
          out.add(lower(x));
        }
      }
      return out;
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i <= head; i++) {
      Token x = t.get(i);
      String pos = x.pos();
      String w = lower(x);
      if (pos.equals("CD") && !out.isEmpty() && i > 0 && t.get(i - 1).isNoun()) {
        out.add(w); // part of a name: "type 2 diabetes"
        continue;
      }
      if (pos.equals("DT") || pos.equals("PDT") || pos.equals("CD") || pos.equals("PRP$") || pos.equals("PRP")
          || pos.equals("POS") || pos.equals("RB") || pos.equals("RBR") || pos.equals("RBS") || pos.equals("``")
          || pos.equals("''")) {
        continue;
      }
      if (i < head && (DEGREE_WORDS.contains(w) || pos.equals("JJR") || pos.equals("JJS"))) {
        continue;
      }
      if (!Character.isLetterOrDigit(w.charAt(0))) {
        continue;
      }
      if ((pos.equals("NNS") || pos.equals("NNPS")) && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("gas")
          && !w.endsWith("us") && !w.endsWith("is")) {
        w = x.lemma().toLowerCase(Locale.ROOT); // not "teargas", "status", "analysis", "stress"
      }
      out.add(w);
    }
    return out;
  }

  /**
   * Hyphenated words as one token, as they are one word ("measles-related", "all-night", "sit-in"):
   * CoreNLP splits some of them. The whole is a noun when a part is one or when it ends in no
   * participle, an adjective when it ends in one ("stress-induced").
   */
  static List<Token> joinHyphenated(List<Token> tokens) {
    List<Token> out = new ArrayList<>(tokens.size());
    int i = 0;
    while (i < tokens.size()) {
      int j = i;
      while (j + 2 < tokens.size() && tokens.get(j + 1).word().equals("-") && touching(tokens.get(j), tokens.get(j + 1))
          && touching(tokens.get(j + 1), tokens.get(j + 2))) {
        j += 2;
      }
      if (j == i) {
        out.add(tokens.get(i++));
        continue;
      }
      StringBuilder word = new StringBuilder();
      boolean noun = false;
      for (int k = i; k <= j; k++) {
        word.append(tokens.get(k).word());
        noun |= tokens.get(k).isNoun();
      }
      Token last = tokens.get(j);
      boolean participle = last.pos().equals("VBN") || last.pos().equals("VBG") || last.pos().startsWith("JJ");
      String pos = participle && !last.isNoun() ? "JJ" : last.pos().equals("NNS") ? "NNS" : noun || !participle ? "NN"
          : "JJ";
      String text = word.toString();
      String lemma = pos.equals("NNS") ? text.substring(0, text.length() - last.word().length()) + last.lemma() : text;
      out.add(new Token(tokens.get(i).index(), text, lemma, pos, tokens.get(i).begin(), last.end()));
      i = j + 1;
    }
    return out;
  }

  private static boolean touching(Token a, Token b) {
    return a.end() == b.begin();
  }

  /** Without leading and trailing words that cannot bound a name: punctuation, articles, conjunctions, prepositions. */
  private static List<Token> trim(List<Token> tokens) {
    int from = 0;
    int to = tokens.size();
    while (from < to && weakEdge(tokens.get(from), true)) {
      from++;
    }
    while (to > from && weakEdge(tokens.get(to - 1), false)) {
      to--;
    }
    return tokens.subList(from, to);
  }

  private static boolean weakEdge(Token t, boolean leading) {
    String pos = t.pos();
    String w = t.word();
    if (!leading && (pos.equals("MD") || pos.startsWith("VB") && isAuxiliary(lemma(t)))) {
      return true; // "the outbreak was", "prices have": the auxiliary belongs to the predicate
    }
    if (w.isEmpty() || !Character.isLetterOrDigit(w.charAt(0)) && !w.equals("%")) {
      return true;
    }
    return pos.equals("CC") || pos.equals("IN") || pos.equals("TO") || pos.equals("DT") && !leading
        || pos.equals("EX") || pos.equals("WDT") || pos.equals("POS") || pos.equals("RB") && leading
        || (leading && (pos.equals("DT") || pos.equals("PDT")));
  }

  private static String lemma(Token t) {
    return t.lemma().toLowerCase(Locale.ROOT);
  }

  private static String lower(Token t) {
    return t.word().toLowerCase(Locale.ROOT);
  }
}
