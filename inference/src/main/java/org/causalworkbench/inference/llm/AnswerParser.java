package org.causalworkbench.inference.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a reasoning model's answer. The answer is the last JSON object with the expected key that
 * comes after the last {@code </think>} (or anywhere in the content when the server splits the
 * reasoning into {@code reasoning_content} / {@code reasoning}); prose and code fences around it
 * are fine, a missing opening {@code <think>} is fine. JSON inside the reasoning is never taken
 * as the answer: the reasoning quotes the document, and the document must not choose the answer.
 * When there is no answer it says why ({@link LlmFailure}).
 */
public final class AnswerParser {

  /** What was read: an answer object, or a failure; the reasoning either way. */
  public record Parsed(JsonNode answer, LlmFailure failure, String reasoning, String answerText) {
    public boolean answered() {
      return answer != null;
    }
  }

  private static final List<String> REFUSALS = List.of(
      "i can't", "i cannot", "i can not", "i'm sorry", "i am sorry", "i won't", "i will not", "as an ai",
      "unable to help", "unable to assist", "must decline", "not able to help");

  private final ObjectMapper json = new ObjectMapper();

  public Parsed parse(OpenAiClient.Choice choice, String key) {
    String content = choice.content() == null ? "" : choice.content();
    boolean truncated = "length".equals(choice.finishReason());
    String reasoning;
    String region;
    int close = content.lastIndexOf("</think>");
    if (close >= 0) {
      reasoning = content.substring(0, close).replaceFirst("^\\s*<think>", "");
      region = content.substring(close + "</think>".length());
    } else if (choice.reasoning() != null && !choice.reasoning().isBlank()) {
      reasoning = choice.reasoning();
      region = content;
    } else if (content.contains("<think>") || truncated) {
      // The reasoning never closed: the budget ran out (or the reply stopped) inside it.
      reasoning = content.replaceFirst("^\\s*<think>", "");
      region = "";
    } else {
      reasoning = "";
      region = content;
    }
    JsonNode answer = lastObjectWith(region, key);
    if (answer != null) {
      return new Parsed(answer, null, reasoning.strip(), answer.toString());
    }
    return new Parsed(null, classify(reasoning, region, truncated), reasoning.strip(), region.strip());
  }

  private LlmFailure classify(String reasoning, String region, boolean truncated) {
    if (repeats(reasoning) || repeats(region)) {
      return LlmFailure.REPETITION_LOOP;
    }
    if (truncated) {
      return LlmFailure.TRUNCATED;
    }
    String lower = (region.isBlank() ? reasoning : region).toLowerCase(Locale.ROOT);
    if (REFUSALS.stream().anyMatch(lower::contains)) {
      return LlmFailure.REFUSED;
    }
    if (region.contains("{")) {
      return LlmFailure.MALFORMED;
    }
    return LlmFailure.NO_ANSWER;
  }

  /** The last balanced {...} in {@code text} that parses as JSON and has {@code key}. */
  JsonNode lastObjectWith(String text, String key) {
    JsonNode found = null;
    for (int start = text.indexOf('{'); start >= 0; start = text.indexOf('{', start + 1)) {
      int end = matchingBrace(text, start);
      if (end < 0) {
        continue;
      }
      try {
        JsonNode node = json.readTree(text.substring(start, end + 1));
        if (node != null && node.isObject() && node.has(key)) {
          found = node;
        }
      } catch (IOException notJson) {
        // prose with braces, or a broken object: keep looking
      }
    }
    return found;
  }

  private static int matchingBrace(String text, int start) {
    int depth = 0;
    boolean inString = false;
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  /**
   * A reasoning that loops: some sentence of at least 20 characters occurs three times or more, or
   * its last 80 characters occur three times or more.
   */
  static boolean repeats(String text) {
    if (text == null || text.length() < 120) {
      return false;
    }
    Map<String, Integer> counts = new HashMap<>();
    for (String sentence : text.split("(?<=[.!?])\\s+|\\n+")) {
      String s = sentence.strip().toLowerCase(Locale.ROOT);
      if (s.length() >= 20 && counts.merge(s, 1, Integer::sum) >= 3) {
        return true;
      }
    }
    String tail = text.substring(text.length() - 80);
    int occurrences = 0;
    for (int i = text.indexOf(tail); i >= 0; i = text.indexOf(tail, i + 1)) {
      occurrences++;
    }
    return occurrences >= 3;
  }
}
