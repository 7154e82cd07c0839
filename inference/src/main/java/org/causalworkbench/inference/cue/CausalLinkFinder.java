package org.causalworkbench.inference.cue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.causalworkbench.core.model.Dependency;
import org.causalworkbench.core.model.Sentence;
import org.causalworkbench.core.model.Token;
import org.causalworkbench.core.model.Unit;

/**
 * Finds the causal claims a unit states, from its dependency parses and the words of {@link
 * CueLexicon}. Inside one sentence: causing verbs (active and passive), "results from", causal
 * prepositions ("due to"), causal clauses ("because"), cause and effect nouns ("a cause of"),
 * hyphenated causes ("drought-induced"), and result adverbs between two clauses ("so",
 * "therefore"). Across two sentences: a second sentence that opens with a result connective ("As a
 * result, ...") or whose causing verb has a pronoun subject ("This weakened ...") takes the first
 * sentence's subject as its cause.
 */
public final class CausalLinkFinder {

  public List<CausalLink> links(Unit unit) {
    List<CausalLink> links = new ArrayList<>();
    if (unit.sentences().size() == 1) {
      inSentence(unit.sentences().get(0), links);
    } else {
      acrossSentences(unit.sentences().get(0), unit.sentences().get(1), links);
    }
    return links;
  }

  // ---------------------------------------------------------------- one sentence

  private void inSentence(Sentence s, List<CausalLink> out) {
    for (Token t : s.tokens()) {
      String lemma = lemma(t);
      if (t.pos().startsWith("VB")) {
        causingVerb(s, t, lemma, out);
        resultingVerb(s, t, lemma, out);
        hyphenCause(s, t, lemma, out);
      }
      if (t.pos().startsWith("NN")) {
        causalNoun(s, t, lemma, out);
      }
      if (lemma.equals("responsible")) {
        for (int effect : s.dependents(t.index(), "obl:for")) {
          link(s, args(s, subjects(s, t.index())), s, args(s, List.of(effect)), "responsible for", "adjective", 0.8,
              t.index(), out);
        }
      }
    }
    for (Dependency d : s.dependencies()) {
      String relation = d.relation();
      int colon = relation.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String base = relation.substring(0, colon);
      String marker = relation.substring(colon + 1).toLowerCase(Locale.ROOT);
      if ((base.equals("obl") || base.equals("nmod") || base.equals("advcl") || base.equals("acl"))
          && CueLexicon.CAUSAL_PREPOSITIONS.containsKey(marker)) {
        link(s, args(s, List.of(d.dependent())), s, args(s, clauseArguments(s, d.governor())), marker.replace('_', ' '),
            "causal preposition", CueLexicon.CAUSAL_PREPOSITIONS.get(marker), d.governor(), out);
      } else if (base.equals("advcl") && CueLexicon.CAUSAL_CLAUSES.containsKey(marker)) {
        link(s, args(s, clauseArguments(s, d.dependent())), s, args(s, clauseArguments(s, d.governor())), marker,
            "causal clause", CueLexicon.CAUSAL_CLAUSES.get(marker), d.dependent(), out);
      } else if ((base.equals("conj") && marker.equals("so"))) {
        link(s, args(s, clauseArguments(s, d.governor())), s, args(s, clauseArguments(s, d.dependent())), "so",
            "result conjunction", 0.7, d.dependent(), out);
      } else if (base.equals("obl") && marker.equals("as") && isResultPhrase(s, d.dependent())) {
        // "Y fell as a result of X" (the "of" phrase is the cause) or "..., as a result Y fell".
        List<Integer> of = s.dependents(d.dependent(), "nmod:of");
        if (!of.isEmpty()) {
          link(s, args(s, of), s, args(s, clauseArguments(s, d.governor())), "as a result of", "causal preposition",
              0.9, d.governor(), out);
        } else {
          Integer previous = previousClause(s, d.governor());
          if (previous != null) {
            link(s, args(s, clauseArguments(s, previous)), s, args(s, clauseArguments(s, d.governor())),
                "as a result", "result connective", 0.85, d.governor(), out);
          }
        }
      }
    }
    for (Token t : s.tokens()) {
      Double p = CueLexicon.RESULT_ADVERBS.get(lemma(t));
      Dependency head = s.headOf(t.index());
      if (p != null && head != null && head.governor() >= 0) {
        Integer previous = previousClause(s, head.governor());
        if (previous != null) {
          link(s, args(s, clauseArguments(s, previous)), s, args(s, clauseArguments(s, head.governor())), t.word(),
              "result connective", p, head.governor(), out);
        }
      }
    }
  }

  private void causingVerb(Sentence s, Token verb, String lemma, List<CausalLink> out) {
    int v = verb.index();
    Double p = CueLexicon.CAUSING_VERBS.get(lemma);
    Map<String, Double> withPreposition = CueLexicon.CAUSING_VERBS_WITH_PREPOSITION.get(lemma);
    List<Integer> passiveSubjects = s.dependents(v, "nsubj:pass");
    if (p != null && !passiveSubjects.isEmpty()) {
      List<Integer> agents = s.dependents(v, "obl:agent");
      if (agents.isEmpty()) {
        agents = s.dependents(v, "obl:by");
      }
      link(s, args(s, agents), s, args(s, passiveSubjects), verb.word() + " by", "passive causing verb", p, v, out);
      return;
    }
    List<Integer> subjects = s.dependents(v, "nsubj");
    if (subjects.isEmpty()) {
      subjects = subjectOfRelativeOrControl(s, v);
    }
    if (p != null) {
      link(s, args(s, subjects), s, args(s, s.dependents(v, "obj")), verb.word(), "causing verb", p, v, out);
    }
    if (withPreposition != null) {
      for (Map.Entry<String, Double> prep : withPreposition.entrySet()) {
        List<Integer> objects = s.dependents(v, "obl:" + prep.getKey());
        if (lemma.equals("give")) {
          // "X gives rise to Y": the "to" phrase hangs on "rise".
          objects = new ArrayList<>();
          for (int o : s.dependents(v, "obj")) {
            if (lemma(s.tokens().get(o)).equals("rise")) {
              objects.addAll(s.dependents(o, "nmod:to"));
              objects.addAll(s.dependents(v, "obl:to"));
            }
          }
        }
        link(s, args(s, subjects), s, args(s, objects), verb.word() + " " + prep.getKey(), "causing verb",
            prep.getValue(), v, out);
      }
    }
  }

  private void resultingVerb(Sentence s, Token verb, String lemma, List<CausalLink> out) {
    Double p = CueLexicon.RESULTING_VERBS.get(lemma);
    if (p == null) {
      return;
    }
    List<Integer> from = s.dependents(verb.index(), "obl:from");
    if (from.isEmpty()) {
      return;
    }
    List<Integer> subjects = s.dependents(verb.index(), "nsubj");
    link(s, args(s, from), s, args(s, subjects), verb.word() + " from", "resulting verb", p, verb.index(), out);
  }

  private void hyphenCause(Sentence s, Token participle, String lemma, List<CausalLink> out) {
    Double p = CueLexicon.HYPHEN_CAUSES.get(lemma);
    int i = participle.index();
    if (p == null || i < 2 || !s.tokens().get(i - 1).pos().equals("HYPH")) {
      return;
    }
    Dependency head = s.headOf(i);
    if (head == null || !head.relation().startsWith("amod") || head.governor() < 0) {
      return;
    }
    link(s, List.of(i - 2), s, args(s, List.of(head.governor())), s.tokens().get(i - 2).word() + "-" + participle.word(),
        "hyphenated cause", p, i, out);
  }

  private void causalNoun(Sentence s, Token noun, String lemma, List<CausalLink> out) {
    List<Integer> of = s.dependents(noun.index(), "nmod:of");
    List<Integer> subjects = s.dependents(noun.index(), "nsubj");
    if (of.isEmpty() || subjects.isEmpty()) {
      return;
    }
    Double cause = CueLexicon.CAUSE_NOUNS.get(lemma);
    if (cause != null) {
      link(s, args(s, subjects), s, args(s, of), "a " + noun.word() + " of", "cause noun", cause, noun.index(), out);
    }
    Double effect = CueLexicon.EFFECT_NOUNS.get(lemma);
    if (effect != null) {
      link(s, args(s, of), s, args(s, subjects), "a " + noun.word() + " of", "effect noun", effect, noun.index(), out);
    }
  }

  // ---------------------------------------------------------------- two sentences

  private void acrossSentences(Sentence first, Sentence second, List<CausalLink> out) {
    Integer firstRoot = root(first);
    Integer secondRoot = root(second);
    if (firstRoot == null || secondRoot == null) {
      return;
    }
    List<Integer> causes = args(first, priorEvent(first, firstRoot));
    // "As a result, Y fell." / "Therefore Y fell." opening the second sentence.
    for (Dependency d : second.dependencies()) {
      if (d.governor() != secondRoot) {
        continue;
      }
      Token t = second.tokens().get(d.dependent());
      String lemma = lemma(t);
      boolean adverb = CueLexicon.RESULT_ADVERBS.containsKey(lemma) && d.dependent() < 3;
      boolean phrase = d.relation().equals("obl:as") && isResultPhrase(second, d.dependent())
          && second.dependents(d.dependent(), "nmod:of").isEmpty();
      if (adverb || phrase) {
        double p = adverb ? CueLexicon.RESULT_ADVERBS.get(lemma) * 0.95 : 0.8;
        link(first, causes, second, args(second, clauseArguments(second, secondRoot)),
            adverb ? t.word() : "as a " + t.word(), "result connective across sentences", p, secondRoot, out);
      }
    }
    // "This weakened demand." / "This led to Y."
    for (Token verb : second.tokens()) {
      if (!verb.pos().startsWith("VB")) {
        continue;
      }
      List<Integer> subjects = second.dependents(verb.index(), "nsubj");
      if (subjects.size() != 1 || !CueLexicon.ANAPHORS.contains(lemma(second.tokens().get(subjects.get(0))))) {
        continue;
      }
      String lemma = lemma(verb);
      Double p = CueLexicon.CAUSING_VERBS.get(lemma);
      List<Integer> effects = new ArrayList<>();
      if (p != null) {
        effects.addAll(second.dependents(verb.index(), "obj"));
      }
      Map<String, Double> withPreposition = CueLexicon.CAUSING_VERBS_WITH_PREPOSITION.get(lemma);
      if (withPreposition != null) {
        for (Map.Entry<String, Double> prep : withPreposition.entrySet()) {
          List<Integer> objects = second.dependents(verb.index(), "obl:" + prep.getKey());
          if (!objects.isEmpty()) {
            effects.addAll(objects);
            p = prep.getValue();
          }
        }
      }
      if (p != null && !effects.isEmpty()) {
        link(first, causes, second, args(second, effects), subjectWord(second, subjects.get(0)) + " " + verb.word(),
            "pronoun subject across sentences", p * 0.9, verb.index(), out);
      }
    }
  }

  private static String subjectWord(Sentence s, int token) {
    return s.tokens().get(token).word();
  }

  /** What happened in a sentence: the object of a change verb, else the subject. */
  private List<Integer> priorEvent(Sentence s, int root) {
    String lemma = lemma(s.tokens().get(root));
    List<Integer> objects = s.dependents(root, "obj");
    if (!objects.isEmpty() && (CueLexicon.CAUSING_VERBS.containsKey(lemma))) {
      return objects;
    }
    return clauseArguments(s, root);
  }

  // ---------------------------------------------------------------- helpers

  private void link(Sentence causeSentence, List<Integer> causes, Sentence effectSentence, List<Integer> effects,
      String cue, String rule, double probability, int cueToken, List<CausalLink> out) {
    if (causes.isEmpty() || effects.isEmpty()) {
      return;
    }
    boolean negated = negated(effectSentence, cueToken);
    boolean hedged = hedged(effectSentence, cueToken);
    for (int c : causes) {
      for (int e : effects) {
        if (causeSentence.index() == effectSentence.index() && c == e) {
          continue;
        }
        out.add(new CausalLink(causeSentence.index(), c, effectSentence.index(), e, cue, rule, probability, hedged,
            negated, cueToken));
      }
    }
  }

  /**
   * The tokens that stand for the arguments: pronouns dropped, "a rise in X" taken to X, a clause
   * taken to its subject, conjuncts ("X and Y") added.
   */
  private List<Integer> args(Sentence s, List<Integer> heads) {
    Set<Integer> out = new LinkedHashSet<>();
    for (int h : heads) {
      collect(s, h, out, 0);
    }
    return new ArrayList<>(out);
  }

  private void collect(Sentence s, int h, Set<Integer> out, int depth) {
    if (depth > 4 || h < 0) {
      return;
    }
    Token t = s.tokens().get(h);
    String lemma = lemma(t);
    if (t.pos().startsWith("VB") && !s.dependents(h, "nsubj").isEmpty()) {
      for (int subject : s.dependents(h, "nsubj")) {
        collect(s, subject, out, depth + 1);
      }
      return;
    }
    if (t.pos().startsWith("NN") && (ChangeNouns.is(lemma) || CueLexicon.MEASURE_NOUNS.contains(lemma))) {
      List<Integer> inner = new ArrayList<>(s.dependents(h, "nmod:in"));
      inner.addAll(s.dependents(h, "nmod:of"));
      if (!inner.isEmpty()) {
        for (int i : inner) {
          collect(s, i, out, depth + 1);
        }
        return;
      }
    }
    if (t.pos().startsWith("PRP") || t.pos().equals("DT") || t.pos().equals("WDT") || t.pos().equals("EX")) {
      return;
    }
    out.add(h);
    for (Dependency d : s.dependencies()) {
      if (d.governor() == h && d.relation().startsWith("conj")) {
        collect(s, d.dependent(), out, depth + 1);
      }
    }
  }

  /** A clause's participants: its subject (active or passive), or the token itself if it is nominal. */
  private static List<Integer> clauseArguments(Sentence s, int head) {
    List<Integer> subjects = subjects(s, head);
    if (!subjects.isEmpty()) {
      return subjects;
    }
    return s.tokens().get(head).pos().startsWith("NN") ? List.of(head) : List.of();
  }

  private static List<Integer> subjects(Sentence s, int head) {
    List<Integer> subjects = new ArrayList<>(s.dependents(head, "nsubj"));
    if (subjects.isEmpty()) {
      subjects.addAll(s.dependents(head, "nsubj:pass"));
    }
    return subjects;
  }

  /** Subject of a verb in an "xcomp" ("began to cause") or relative clause, taken from its head. */
  private static List<Integer> subjectOfRelativeOrControl(Sentence s, int verb) {
    Dependency head = s.headOf(verb);
    if (head == null || head.governor() < 0) {
      return List.of();
    }
    if (head.relation().equals("xcomp")) {
      return s.dependents(head.governor(), "nsubj");
    }
    if (head.relation().startsWith("acl")) {
      return List.of(head.governor());
    }
    return List.of();
  }

  /** The clause that a connective's clause follows from: its conj/parataxis head. */
  private static Integer previousClause(Sentence s, int clause) {
    Dependency head = s.headOf(clause);
    if (head == null || head.governor() < 0) {
      return null;
    }
    String r = head.relation();
    if (r.startsWith("conj") || r.equals("parataxis") || r.startsWith("advcl")) {
      return head.governor() < clause ? head.governor() : null;
    }
    return null;
  }

  private static boolean isResultPhrase(Sentence s, int noun) {
    return CueLexicon.RESULT_PHRASE_NOUNS.contains(lemma(s.tokens().get(noun)));
  }

  private static Integer root(Sentence s) {
    for (Dependency d : s.dependencies()) {
      if (d.governor() < 0) {
        return d.dependent();
      }
    }
    return null;
  }

  /** Negated if the cue or up to two heads above it carry a negation ("did not cause", "no evidence that"). */
  private static boolean negated(Sentence s, int cue) {
    int node = cue;
    for (int level = 0; level < 3 && node >= 0; level++) {
      for (Dependency d : s.dependencies()) {
        if (d.governor() == node
            && (d.relation().startsWith("advmod") || d.relation().equals("det") || d.relation().equals("neg")
                || d.relation().equals("cc:preconj"))
            && CueLexicon.NEGATIONS.contains(lemma(s.tokens().get(d.dependent())))) {
          return true;
        }
      }
      Dependency head = s.headOf(node);
      node = head == null ? -1 : head.governor();
    }
    return false;
  }

  /** Hedged by a modal or adverb on the cue, a reporting frame above it, "if", or a question. */
  private static boolean hedged(Sentence s, int cue) {
    List<Token> tokens = s.tokens();
    if (!tokens.isEmpty() && tokens.get(tokens.size() - 1).word().equals("?")) {
      return true;
    }
    int node = cue;
    for (int level = 0; level < 3 && node >= 0; level++) {
      for (Dependency d : s.dependencies()) {
        if (d.governor() != node) {
          continue;
        }
        String word = lemma(tokens.get(d.dependent()));
        if ((d.relation().equals("aux") && CueLexicon.HEDGE_MODALS.contains(word))
            || (d.relation().startsWith("advmod") && CueLexicon.HEDGE_ADVERBS.contains(word))
            || (d.relation().equals("mark") && (word.equals("if") || word.equals("whether")))) {
          return true;
        }
      }
      Dependency head = s.headOf(node);
      if (head == null || head.governor() < 0) {
        break;
      }
      if ((head.relation().startsWith("ccomp") || head.relation().startsWith("xcomp"))
          && CueLexicon.HEDGE_FRAMES.contains(lemma(tokens.get(head.governor())))) {
        return true;
      }
      node = head.governor();
    }
    return false;
  }

  private static String lemma(Token t) {
    return t.lemma().toLowerCase(Locale.ROOT);
  }
}
