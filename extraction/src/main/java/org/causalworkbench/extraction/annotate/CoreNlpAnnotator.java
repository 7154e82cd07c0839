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
import java.util.Properties;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.core.model.Dependency;
import org.causalworkbench.core.model.Document;
import org.causalworkbench.core.model.Sentence;
import org.causalworkbench.core.model.Token;

/**
 * Stanford CoreNLP behind {@link SentenceAnnotator}. The annotators are configurable; the default
 * ({@code tokenize,ssplit,pos,lemma,depparse}) is what mentions and the cue judge need. NER is left
 * out: it costs about five times the rest and candidate variables come from noun phrases.
 */
public final class CoreNlpAnnotator implements SentenceAnnotator {

  private final StanfordCoreNLP pipeline;
  private final boolean parses;

  public CoreNlpAnnotator(String annotators, int maxSentenceTokens) {
    Properties props = new Properties();
    props.setProperty("annotators", annotators);
    props.setProperty("tokenize.language", "en");
    props.setProperty("ssplit.newlineIsSentenceBreak", "two");
    props.setProperty("depparse.maxLength", Integer.toString(maxSentenceTokens));
    props.setProperty("pos.maxlen", Integer.toString(maxSentenceTokens));
    this.pipeline = new StanfordCoreNLP(props);
    this.parses = annotators.contains("depparse") || annotators.contains("parse");
  }

  /** The annotator that {@code extraction.annotators} and {@code extraction.max-sentence-tokens} describe. */
  public static CoreNlpAnnotator fromConfig(WorkbenchConfig config) {
    return new CoreNlpAnnotator(config.get(WorkbenchOptions.ANNOTATORS), config.getInt(WorkbenchOptions.MAX_SENTENCE_TOKENS));
  }

  @Override
  public List<Sentence> annotate(Document document) {
    Annotation annotation = new Annotation(document.text());
    pipeline.annotate(annotation);
    List<Sentence> sentences = new ArrayList<>();
    int index = 0;
    for (CoreMap s : annotation.get(CoreAnnotations.SentencesAnnotation.class)) {
      List<CoreLabel> labels = s.get(CoreAnnotations.TokensAnnotation.class);
      List<Token> tokens = new ArrayList<>(labels.size());
      for (int i = 0; i < labels.size(); i++) {
        CoreLabel l = labels.get(i);
        String lemma = l.lemma() == null ? l.word() : l.lemma();
        String pos = l.tag() == null ? "" : l.tag();
        tokens.add(new Token(i, l.word(), lemma, pos, l.beginPosition(), l.endPosition()));
      }
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
      int begin = s.get(CoreAnnotations.CharacterOffsetBeginAnnotation.class);
      int end = s.get(CoreAnnotations.CharacterOffsetEndAnnotation.class);
      sentences.add(new Sentence(document.id(), index++, begin, end, document.text().substring(begin, end),
          tokens, dependencies));
    }
    return sentences;
  }
}
