package org.causalworkbench.extraction.annotate;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.ling.IndexedWord;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.semgraph.SemanticGraph;
import edu.stanford.nlp.semgraph.SemanticGraphCoreAnnotations;
import edu.stanford.nlp.semgraph.SemanticGraphEdge;
import edu.stanford.nlp.util.CoreMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.core.model.Dependency;
import org.causalworkbench.core.model.Document;
import org.causalworkbench.core.model.Sentence;
import org.causalworkbench.core.model.Token;
import org.causalworkbench.inference.judge.ExtractorFactory;

/**
 * Stanford CoreNLP behind {@link SentenceAnnotator}. The annotators are configurable; by default
 * each path gets what it reads ({@link #annotators}). NER is left out: it costs about five times the
 * rest and variables come from the extracted spans.
 */
public final class CoreNlpAnnotator implements SentenceAnnotator {

  private final StanfordCoreNLP splitter;
  private final StanfordCoreNLP rest;
  private final boolean parses;
  private final int maxSentenceTokens;

  /**
   * @param annotators CoreNLP annotators, tokenize and ssplit first
   * @param maxSentenceTokens longer sentences are left out before the other annotators see them:
   *     a parse's cost grows with length, and one sentence of 200,000 words would hold the stream
   */
  public CoreNlpAnnotator(String annotators, int maxSentenceTokens) {
    List<String> names = List.of(annotators.split(",")).stream().map(String::strip).filter(n -> !n.isEmpty()).toList();
    if (names.size() < 2 || !names.get(0).equals("tokenize") || !names.get(1).equals("ssplit")) {
      throw new IllegalArgumentException("extraction.annotators must start with tokenize,ssplit, got '" + annotators + "'");
    }
    Properties props = new Properties();
    props.setProperty("tokenize.language", "en");
    props.setProperty("ssplit.newlineIsSentenceBreak", "two");
    props.setProperty("depparse.maxlen", Integer.toString(maxSentenceTokens));
    props.setProperty("pos.maxlen", Integer.toString(maxSentenceTokens));
    props.setProperty("annotators", "tokenize,ssplit");
    this.splitter = new StanfordCoreNLP(props);
    List<String> others = names.subList(2, names.size());
    if (others.isEmpty()) {
      this.rest = null;
    } else {
      Properties more = new Properties();
      more.putAll(props);
      more.setProperty("annotators", String.join(",", others));
      more.setProperty("enforceRequirements", "false"); // the splitter ran them, sentence by sentence is ours
      this.rest = new StanfordCoreNLP(more);
    }
    this.parses = others.contains("depparse") || others.contains("parse");
    this.maxSentenceTokens = maxSentenceTokens;
  }

  /** The annotator that {@code extraction.annotators} and {@code extraction.max-sentence-tokens} describe. */
  public static CoreNlpAnnotator fromConfig(WorkbenchConfig config) {
    return new CoreNlpAnnotator(annotators(config), config.getInt(WorkbenchOptions.MAX_SENTENCE_TOKENS));
  }

  /**
   * An annotator with dependency parses whatever the configured path is, for the tools that read
   * them (the cue rules' detection, candidate pairs): {@code extraction.annotators} if set, else
   * {@link #PARSING}.
   */
  public static CoreNlpAnnotator parsing(WorkbenchConfig config) {
    String annotators = config.isSet(WorkbenchOptions.ANNOTATORS) ? config.get(WorkbenchOptions.ANNOTATORS) : PARSING;
    return new CoreNlpAnnotator(annotators, config.getInt(WorkbenchOptions.MAX_SENTENCE_TOKENS));
  }

  /** Parts of speech and lemmas: what the span tagger's path needs (variable names, qualifiers). */
  public static final String TAGGING = "tokenize,ssplit,pos,lemma";
  /** With dependency parses: what the cue rules and the candidate pairs need. */
  public static final String PARSING = TAGGING + ",depparse";

  /**
   * The annotators {@code extraction.annotators} names, or, when it is empty, what the configured
   * path needs: dependency parses cost about five times parts of speech and lemmas, and only the cue
   * rules and the pairs mode read them.
   */
  public static String annotators(WorkbenchConfig config) {
    if (config.isSet(WorkbenchOptions.ANNOTATORS)) {
      return config.get(WorkbenchOptions.ANNOTATORS);
    }
    boolean cue = ExtractorFactory.members(config).contains("cue") || "cue".equals(ExtractorFactory.verifyJudge(config));
    return ExtractorFactory.pairsMode(config) || cue ? PARSING : TAGGING;
  }

  private static final Set<String> AUXILIARIES = Set.of("be", "have", "do");
  private static final Set<String> CLAUSE_OPENERS = Set.of("that", "whether", "if");
  private static final Pattern NOUN_PHRASE_TAG = Pattern.compile("DT|JJ.*|CD|NN.*|PRP\\$");
  private static final Pattern FINITE_VERB_TAG = Pattern.compile("VB[DZP]|MD");

  /**
   * A plural noun after a noun that CoreNLP's tagger took for a verb ("ambulance calls nearly
   * doubled", "fish kills were reported"): a -s verb form right after a noun and before another
   * finite verb (adverbs or a prepositional phrase between) is the noun's plural, since a clause has
   * one finite verb there. Variable names read these tags.
   */
  static void retagPluralNouns(List<Token> tokens) {
    for (int i = 1; i + 1 < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (!t.pos().equals("VBZ") || !t.word().endsWith("s") || !tokens.get(i - 1).pos().startsWith("NN")
          || AUXILIARIES.contains(t.lemma())) {
        continue; // "coffee intake is associated": an auxiliary stays one
      }
      int next = i + 1;
      // Adverbs, and a prepositional phrase on the noun ("calls in those districts nearly doubled"), may come between.
      if (next < tokens.size() && tokens.get(next).pos().equals("IN")
          && !CLAUSE_OPENERS.contains(tokens.get(next).word().toLowerCase(Locale.ROOT))) {
        next++;
        while (next < tokens.size() && NOUN_PHRASE_TAG.matcher(tokens.get(next).pos()).matches()) {
          next++;
        }
      }
      while (next < tokens.size() && tokens.get(next).pos().startsWith("RB")) {
        next++;
      }
      // Not a participle: "depletes dissolved oxygen" is a verb before an adjective the tagger calls VBN.
      if (next < tokens.size() && FINITE_VERB_TAG.matcher(tokens.get(next).pos()).matches()) {
        String lemma = t.lemma();
        tokens.set(i, new Token(t.index(), t.word(), lemma, "NNS", t.begin(), t.end()));
      }
    }
  }

  @Override
  public Annotated annotate(Document document, long budgetNanos) {
    long start = System.nanoTime();
    Annotation annotation = new Annotation(document.text());
    splitter.annotate(annotation);
    List<CoreMap> split = annotation.get(CoreAnnotations.SentencesAnnotation.class);
    List<Sentence> sentences = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    for (int index = 0; index < split.size(); index++) {
      CoreMap s = split.get(index);
      List<CoreLabel> labels = s.get(CoreAnnotations.TokensAnnotation.class);
      int begin = s.get(CoreAnnotations.CharacterOffsetBeginAnnotation.class);
      int end = s.get(CoreAnnotations.CharacterOffsetEndAnnotation.class);
      if (labels.size() > maxSentenceTokens) {
        skipped.add(new Skipped(index, begin, end, labels.size()));
        continue;
      }
      long spent = System.nanoTime() - start;
      if (spent > budgetNanos) {
        throw new AnnotationBudgetExceeded(String.format(Locale.ROOT, "annotating took more than %d ms (%d of %d"
            + " sentences done); raise extraction.annotation-budget-ms or split the document", budgetNanos / 1_000_000,
            index, split.size()));
      }
      if (rest != null) {
        Annotation one = new Annotation(document.text());
        one.set(CoreAnnotations.SentencesAnnotation.class, List.of(s));
        one.set(CoreAnnotations.TokensAnnotation.class, labels);
        rest.annotate(one);
      }
      sentences.add(sentence(document, index, s, labels, begin, end));
    }
    return new Annotated(sentences, skipped);
  }

  private Sentence sentence(Document document, int index, CoreMap s, List<CoreLabel> labels, int begin, int end) {
    List<Token> tokens = new ArrayList<>(labels.size());
    for (int i = 0; i < labels.size(); i++) {
      CoreLabel l = labels.get(i);
      String lemma = l.lemma() == null ? l.word() : l.lemma();
      String pos = l.tag() == null ? "" : l.tag();
      tokens.add(new Token(i, l.word(), lemma, pos, l.beginPosition(), l.endPosition()));
    }
    retagPluralNouns(tokens);
    List<Dependency> dependencies = new ArrayList<>();
    SemanticGraph graph = parses
        ? s.get(SemanticGraphCoreAnnotations.EnhancedPlusPlusDependenciesAnnotation.class) : null;
    if (graph == null && parses) {
      graph = s.get(SemanticGraphCoreAnnotations.BasicDependenciesAnnotation.class);
    }
    if (graph != null) {
      for (IndexedWord root : graph.getRoots()) {
        dependencies.add(new Dependency("root", -1, root.index() - 1));
      }
      for (SemanticGraphEdge edge : graph.edgeIterable()) {
        dependencies.add(new Dependency(edge.getRelation().toString(), edge.getGovernor().index() - 1,
            edge.getDependent().index() - 1));
      }
    }
    return new Sentence(document.id(), index, begin, end, document.text().substring(begin, end), tokens, dependencies);
  }
}
