package org.causalworkbench.inference.cue;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.causalworkbench.core.model.Sentence;
import org.causalworkbench.core.model.Token;
import org.junit.jupiter.api.Test;

/** Which second sentences point back at the first, so a two-sentence unit is worth reading. */
class SentenceLinksTest {

  private static Sentence sentence(String text) {
    List<Token> tokens = new ArrayList<>();
    int at = 0;
    for (String w : text.split(" ")) {
      tokens.add(new Token(tokens.size(), w, w.toLowerCase(), "NN", at, at + w.length()));
      at += w.length() + 1;
    }
    return new Sentence("d", 1, 0, text.length(), text, tokens, List.of());
  }

  @Test
  void resultConnectivesAndPronounsLinkBack() {
    assertTrue(SentenceLinks.linksBack(sentence("As a result , ambulance calls doubled .")));
    assertTrue(SentenceLinks.linksBack(sentence("Consequently , prices rose .")));
    assertTrue(SentenceLinks.linksBack(sentence("This weakened demand for steel .")));
    assertTrue(SentenceLinks.linksBack(sentence("These closures cut routine care .")));
    assertTrue(SentenceLinks.linksBack(sentence("Because of this , the port closed .")));
  }

  @Test
  void aSentenceThatStartsItsOwnTopicDoesNot() {
    assertFalse(SentenceLinks.linksBack(sentence("The museum opens at nine .")));
    assertFalse(SentenceLinks.linksBack(sentence("In 2020 , arrivals fell .")));
    assertFalse(SentenceLinks.linksBack(sentence("Farmers sold their cattle .")));
    assertFalse(SentenceLinks.linksBack(sentence("As expected , the vote passed .")));
  }
}
