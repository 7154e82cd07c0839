package org.causalworkbench.inference.llm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.causalworkbench.core.id.ContentIds;

/**
 * The three prompt tasks, each a template with {@code {{text}}} (and {@code {{a}}}, {@code {{b}}}
 * for pairs): built-in ones from {@code prompts/}, or a user's from {@code llm.prompt-dir}. The
 * document text is data: it goes between markers that it cannot close or reopen itself.
 */
public final class PromptTemplates {

  /** A prompt task. */
  public enum Task {
    DETECT("detect.txt"),
    EXTRACT("extract.txt"),
    PAIR("pair.txt");

    final String file;

    Task(String file) {
      this.file = file;
    }
  }

  private final String detect;
  private final String extract;
  private final String pair;

  private PromptTemplates(String detect, String extract, String pair) {
    this.detect = detect;
    this.extract = extract;
    this.pair = pair;
  }

  /** Built-in templates, each replaced by the file of the same name in {@code overrideDir} if there. */
  public static PromptTemplates load(String overrideDir) {
    Path dir = overrideDir == null || overrideDir.isBlank() ? null : Path.of(overrideDir);
    return new PromptTemplates(read(dir, Task.DETECT), read(dir, Task.EXTRACT), read(dir, Task.PAIR));
  }

  private static String read(Path dir, Task task) {
    try {
      if (dir != null && Files.isRegularFile(dir.resolve(task.file))) {
        return Files.readString(dir.resolve(task.file), StandardCharsets.UTF_8);
      }
      try (InputStream in = PromptTemplates.class.getResourceAsStream("/prompts/" + task.file)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read prompt template " + task.file + ": " + e.getMessage(), e);
    }
  }

  /** A short hash of a task's template: part of the judge version, so a new prompt gives new evidence. */
  public String fingerprint(Task task) {
    return ContentIds.documentId(template(task)).substring(1, 9);
  }

  public String detect(String text) {
    return detect.replace("{{text}}", asData(text));
  }

  public String extract(String text) {
    return extract.replace("{{text}}", asData(text));
  }

  public String pair(String text, String a, String b) {
    return pair.replace("{{a}}", asData(a)).replace("{{b}}", asData(b)).replace("{{text}}", asData(text));
  }

  private String template(Task task) {
    return switch (task) {
      case DETECT -> detect;
      case EXTRACT -> extract;
      case PAIR -> pair;
    };
  }

  /**
   * Text as inert data: the markers and the reasoning tags are broken up, so a document cannot
   * end its own quotation or fake the model's reasoning.
   */
  static String asData(String text) {
    return text.replace("<<<", "< < <").replace(">>>", "> > >")
        .replace("<think>", "<think >").replace("</think>", "</think >")
        .replace("{{", "{ {").replace("}}", "} }");
  }
}
