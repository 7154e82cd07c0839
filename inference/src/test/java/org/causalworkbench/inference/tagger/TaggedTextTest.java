package org.causalworkbench.inference.tagger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The data sets' tag format, read and written, on sentences written for the test. */
class TaggedTextTest {

  @Test
  void aSignalInsideAnArgumentAndSeveralSignalStretchesAreRead() {
    String tagged = "<ARG1>Farmers blocked the bridge</ARG1> <ARG0><SIG0>to</SIG0> demand water rights</ARG0>"
        + " , <SIG1>officials</SIG1> said .";
    TaggedText.Parsed p = TaggedText.parse(tagged);
    assertEquals("Farmers blocked the bridge to demand water rights , officials said .", p.text());
    assertEquals("to demand water rights", p.relation().cause().text());
    assertEquals("Farmers blocked the bridge", p.relation().effect().text());
    assertEquals(List.of("to", "officials"), p.relation().signals().stream().map(s -> s.text()).toList());
  }

  @Test
  void aRelationWithoutBothArgumentsIsNotOne() {
    assertNull(TaggedText.parse("<ARG0>Rain</ARG0> fell all day ."));
  }

  @Test
  void writingTagsBackGivesTheSameRelation() {
    String tagged = "After <ARG0>the <SIG0>heavy</SIG0> rain</ARG0> , <ARG1>the river rose</ARG1> .";
    TaggedText.Parsed p = TaggedText.parse(tagged);
    assertEquals(tagged, TaggedText.write(p.text(), p.relation()));
  }
}
