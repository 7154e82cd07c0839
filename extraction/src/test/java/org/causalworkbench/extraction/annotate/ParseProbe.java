package org.causalworkbench.extraction.annotate;

import java.util.Map;
import org.causalworkbench.core.model.Document;
import org.causalworkbench.core.model.Sentence;

public class ParseProbe {
  public static void main(String[] args) {
    CoreNlpAnnotator a = new CoreNlpAnnotator("tokenize,ssplit,pos,lemma,depparse", 120);
    String text = String.join(" ", args);
    for (Sentence s : a.annotate(new Document("d", "", "", text, Map.of()))) {
      System.out.println("== " + s.text());
      s.tokens().forEach(t -> System.out.print(t.index() + ":" + t.word() + "/" + t.pos() + "/" + t.lemma() + " "));
      System.out.println();
      s.dependencies().forEach(d -> System.out.print(d.relation() + "(" + d.governor() + "," + d.dependent() + ") "));
      System.out.println();
    }
  }
}
