package org.causalworkbench.inference.cue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.causalworkbench.core.model.Polarity;
import org.causalworkbench.core.model.Sentence;
import org.causalworkbench.core.model.Span;
import org.causalworkbench.core.model.Token;
import org.causalworkbench.core.model.Unit;
import org.junit.jupiter.api.Test;

/**
 * How a relation is stated and which way it points, on sentences written for the test and tagged
 * by hand ("word/TAG/lemma", lemma omitted when it is the word).
 */
class ClaimReadingTest {

  private static Unit unit(String tagged) {
    List<Token> tokens = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (String part : tagged.split(" ")) {
      String[] f = part.split("/");
      if (text.length() > 0) {
        text.append(' ');
      }
      int begin = text.length();
      text.append(f[0]);
      tokens.add(new Token(tokens.size(), f[0], f.length > 2 ? f[2] : f[0].toLowerCase(), f[1], begin, text.length()));
    }
    Sentence s = new Sentence("d", 0, 0, text.length(), text.toString(), tokens, List.of());
    return Unit.of("d", List.of(s));
  }

  private static Span at(Unit u, String words) {
    int i = u.text().indexOf(words);
    return new Span(i, i + words.length(), words);
  }

  @Test
  void aNegationInAnotherClauseBeforeTheRelationDoesNotDenyIt() {
    Unit u = unit("Although/IN no/DT one/NN was/VBD/be hurt/VBN ,/, the/DT storm/NN caused/VBD/cause flooding/NN ./.");
    ClaimQualifiers.Reading r = ClaimQualifiers.read(u, at(u, "the storm"), at(u, "flooding"), at(u, "caused"));
    assertFalse(r.negated(), r.toString());
  }

  @Test
  void aNegationBetweenCauseAndEffectOrADeniedClaimBeforeItDoes() {
    Unit u = unit("The/DT programme/NN did/VBD/do not/RB reduce/VB visits/NNS/visit ./.");
    assertTrue(ClaimQualifiers.read(u, at(u, "The programme"), at(u, "visits"), at(u, "reduce")).negated());
    Unit v = unit("There/EX is/VBZ/be no/DT evidence/NN that/IN the/DT tariff/NN raised/VBD/raise jobs/NNS/job ./.");
    assertTrue(ClaimQualifiers.read(v, at(v, "the tariff"), at(v, "jobs"), at(v, "raised")).negated());
  }

  @Test
  void aNounThatNamesTheVariableGivesNoDirectionButAChangeNounDoes() {
    Unit u = unit("The/DT closure/NN of/IN clinics/NNS/clinic led/VBD/lead to/TO more/JJR/more deaths/NNS/death ./.");
    assertEquals(Polarity.INCREASES, PolarityCues.read(u, at(u, "The closure of clinics"), at(u, "more deaths"),
        at(u, "led to")));
    Unit v = unit("A/DT shortage/NN of/IN nurses/NNS/nurse raised/VBD/raise waiting/NN times/NNS/time ./.");
    assertEquals(Polarity.DECREASES, PolarityCues.read(v, at(v, "A shortage of nurses"), at(v, "waiting times"),
        at(v, "raised")), "fewer nurses, longer waits");
  }
}
