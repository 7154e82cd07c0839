package org.causalworkbench.extraction.variables;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.causalworkbench.core.id.ContentIds;
import org.causalworkbench.core.model.Document;
import org.causalworkbench.core.model.Sentence;
import org.causalworkbench.core.model.Token;
import org.causalworkbench.extraction.annotate.CoreNlpAnnotator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Variable names from spans, on CoreNLP's tags as the job has them: each case is a sentence written
 * for this test with the span in brackets, and the name a careful reader would give the variable
 * (null: the span names nothing a graph should hold).
 */
class VariableNormaliserTest {

  private static CoreNlpAnnotator annotator;
  private final VariableNormaliser normaliser = new VariableNormaliser();

  @BeforeAll
  static void load() {
    annotator = new CoreNlpAnnotator(CoreNlpAnnotator.TAGGING, 120);
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        // health and biomedicine
        Arguments.of("[The risk of developing psychiatric disorders] rose after the war.", "psychiatric disorder risk"),
        Arguments.of("Smoking increases [the risk of colorectal cancer].", "colorectal cancer risk"),
        Arguments.of("[Higher insulin levels] were observed in the treated group.", "insulin level"),
        Arguments.of("Chronic stress leads to [stress-induced disorders].", "stress-induced disorder"),
        Arguments.of("[Exposure to air pollution] worsens asthma in children.", "air pollution exposure"),
        Arguments.of("The outbreak was caused by [low vaccination coverage among school-age children].",
            "vaccination coverage"),
        Arguments.of("[The clinic closures] reduced routine immunization.", "clinic closure"),
        Arguments.of("In infants, [hospital admissions] rose because of measles-related pneumonia.", "hospital admission"),
        Arguments.of("Hospital admissions rose because of [measles-related pneumonia].", "measles-related pneumonia"),
        Arguments.of("[Excess mortality among people over 75] was largely a consequence of the heat.", "excess mortality"),
        Arguments.of("[Nitrogen dioxide exposure] triggers asthma attacks.", "nitrogen dioxide exposure"),
        Arguments.of("Obesity raises [the incidence of type 2 diabetes in adults].", "type 2 diabetes incidence"),
        Arguments.of("[Elevated blood pressure] damages the kidneys.", "blood pressure"),
        Arguments.of("[Sugar intake] contributes to childhood obesity.", "sugar intake"),
        Arguments.of("A sugar tax cut [soft drink sales] by a tenth.", "soft drink sale"),
        Arguments.of("[Vitamin D deficiency] may weaken bones.", "vitamin d deficiency"),
        Arguments.of("[Salt intake] raises blood pressure in older adults.", "salt intake"),
        Arguments.of("Salt intake raises [blood pressure in older adults].", "blood pressure"),
        Arguments.of("[The levels of circulating insulin] fell after the diet.", "circulating insulin level"),
        Arguments.of("Fewer nurses meant [a rise in waiting times].", "waiting time"),
        Arguments.of("[The risk] was small.", null),
        Arguments.of("[This effect] was reported before.", null),
        Arguments.of("[These factors] increased costs.", null),
        Arguments.of("[The study] found nothing.", null),
        Arguments.of("[It] caused the delay.", null),
        // economics
        Arguments.of("[Rising interest rates] slowed the housing market.", "interest rate"),
        Arguments.of("Rising interest rates slowed [the housing market].", "housing market"),
        Arguments.of("[The collapse of the peso] raised import prices.", "peso"),
        Arguments.of("The collapse of the peso raised [import prices].", "import price"),
        Arguments.of("[The price of crude oil] fell sharply.", "crude oil price"),
        Arguments.of("[A higher minimum wage] did not reduce teen employment.", "minimum wage"),
        Arguments.of("[The number of tourists visiting the island] doubled.", "tourist"),
        Arguments.of("[Remittances from abroad] supported household spending.", "remittance"),
        Arguments.of("[Steel tariffs imposed in March] raised car prices.", "steel tariff"),
        Arguments.of("[Job losses in the steel industry] followed the tariff.", "job loss"),
        Arguments.of("[A 10 % rise in unemployment] followed the closures.", "unemployment"),
        Arguments.of("[A shortage of nurses] lengthened waiting times.", "nurse"),
        Arguments.of("Bee losses caused [poor pollination, which reduced fruit set in the orchards].", "pollination"),
        Arguments.of("[Farmers who lost their herds] left the valley.", "farmer"),
        Arguments.of("[Rebels ambushed a police team Thursday morning] and the fight started.", "police team"),
        Arguments.of("The circular followed, [asking them to keep to procedure].", null),
        Arguments.of("Talks began in [a bid to bring an end to the strike].", "strike"),
        Arguments.of("[Teachers displayed a pair of banners] at the rally.", "banner"),
        Arguments.of("[Thousands of mineworkers] marched on the office.", "mineworker"),
        Arguments.of("[The final blow came on Saturday morning] when pilots struck.", "final blow"),
        Arguments.of("[Bacterial decomposition of dead algae] depletes oxygen.", "bacterial decomposition of dead algae"),
        Arguments.of("Decomposition of dead algae [depletes dissolved oxygen near the bottom].", "dissolved oxygen"),
        Arguments.of("[Water shortages] hit the farms.", "water shortage"),
        // events (clauses), news style
        Arguments.of("[Workers staged an all-night sit-in] to protest the cuts.", "all-night sit-in"),
        Arguments.of("The strike resumed when [their demands were not met].", "demand not met"),
        Arguments.of("[Prices rose] after the tariff.", "price"),
        Arguments.of("The strike ended when [the dockers returned to work].", "docker"),
        Arguments.of("[In infants, hospital admissions rose] because of pneumonia.", "hospital admission"),
        Arguments.of("Burnout [drove a wave of resignations among experienced nurses].", "resignation"),
        Arguments.of("Dehydration [led to 11 deaths, mostly among elderly patients].", "death"),
        Arguments.of("Contaminated water caused [most of the infections].", "infection"),
        Arguments.of("Radon exposure remains [a major cause of lung cancer].", "lung cancer"),
        Arguments.of("[Dock workers at Port Halden went on strike] over a pay dispute.", "dock worker strike"),
        Arguments.of("[Smoke from the fires drifted into the valley] and cut visibility.", "smoke"),
        Arguments.of("[The outbreak was] caused by low vaccination coverage.", "outbreak"),
        Arguments.of("Naloxone [prevented an estimated 2,000 overdose deaths] last year.", "overdose death"),
        Arguments.of("Cases dropped [owing] to the campaign.", null),
        Arguments.of("Police fired [teargas] at the marchers.", "teargas"),
        Arguments.of("The march was [reminiscent] of earlier protests.", null),
        Arguments.of("[Radon exposure in homes remains] a cause of lung cancer.", "radon exposure"),
        Arguments.of("The oil price surge [raised transport costs].", "transport cost"),
        Arguments.of("Traders panicked when [the government closed the border].", "border"),
        Arguments.of("[Visitor arrivals on the island fell 85 percent] due to border closures.", "visitor arrival"),
        Arguments.of("Manufacturers responded by [cutting the sugar content of popular brands].",
            "popular brand sugar content"),
        Arguments.of("[The collapse in tourism] caused widespread hotel layoffs.", "tourism"),
        Arguments.of("Oil prices climbed after [major producers cut output].", "output"),
        Arguments.of("[Several airlines also added fuel surcharges to long-haul tickets] in response.", "fuel surcharge"),
        Arguments.of("[Vessel rerouting to nearby ports] led to congestion.", "vessel rerouting"),
        Arguments.of("Warm water caused [mass coral bleaching in the north].", "mass coral bleaching"),
        Arguments.of("The campaign worked: [among children under five, malaria cases] dropped.", "malaria case"),
        // climate and ecology
        Arguments.of("[Heavy rainfall] flooded the valley.", "rainfall"),
        Arguments.of("[Warmer ocean temperatures] caused coral bleaching.", "ocean temperature"),
        Arguments.of("Warmer ocean temperatures caused [coral bleaching].", "coral bleaching"),
        Arguments.of("[The removal of hedgerows] reduced pollinator numbers.", "hedgerow removal"),
        Arguments.of("The removal of hedgerows reduced [pollinator numbers].", "pollinator number"),
        Arguments.of("[Deforestation in the Amazon basin] raised regional temperatures.", "deforestation"),
        Arguments.of("Wolves reduced [the number of elk] in the valley.", "elk"),
        Arguments.of("Clams died because [the mussels smother their shells].", "mussel"),
        Arguments.of("[Nutrient runoff from farms] causes dead zones.", "nutrient runoff"),
        Arguments.of("Nutrient runoff causes [dead zones in the bay].", "dead zone"),
        Arguments.of("[Drought-induced crop failures] raised food prices.", "drought-induced crop failure"),
        Arguments.of("[The decline in bee colonies] hurt orchard yields.", "bee colony"),
        // read in the sample corpus's graph: a count and a qualifier, a participle, a bare verb, a gerund's object
        Arguments.of("The outbreak caused [14 deaths, mostly among infants].", "death"),
        Arguments.of("The outbreak led [to 14 deaths, mostly among infants].", "death"),
        Arguments.of("Reefs suffered from [acidic deep water that rose along the shelf].", "acidic deep water"),
        Arguments.of("Milder winters [have shifted algal blooms earlier in the spring].", "algal bloom"),
        Arguments.of("After the outage, [emergency calls in those towns nearly tripled that week].", "emergency call"),
        Arguments.of("The heatwave [melted most of the glacier within a month].", "glacier"),
        Arguments.of("Bakers saw [their flour costs climb] all year.", "flour cost"),
        Arguments.of("Yields recovered once [growers started pruning their vines].", "vine pruning"),
        Arguments.of("Streets cooled because [councils kept planting trees].", "tree planting"),
        Arguments.of("Customers returned after [the bank began cutting its fees].", "fee"),
        Arguments.of("Nurses walked out, [demanding safer staffing ratios].", "staffing ratio"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("cases")
  void namesTheVariableASpanStandsFor(String marked, String expected) {
    int begin = marked.indexOf('[');
    int end = marked.indexOf(']') - 1;
    String text = marked.replace("[", "").replace("]", "");
    Document document = new Document(ContentIds.documentId(text), "test", "", text, Map.of());
    List<Token> tokens = annotator.annotate(document).stream().map(Sentence::tokens).flatMap(List::stream)
        .filter(t -> t.begin() >= begin && t.end() <= end).toList();
    assertEquals(expected, normaliser.name(tokens), () -> "tokens " + tokens.stream()
        .map(t -> t.word() + "/" + t.pos()).toList());
  }
}
