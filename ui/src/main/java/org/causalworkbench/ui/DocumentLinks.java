package org.causalworkbench.ui;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where an analyst can read a document, built from its identifiers by configured templates
 * ({@code server.document-links}: {@code pmid=https://pubmed.ncbi.nlm.nih.gov/{pmid}/,
 * doi=https://doi.org/{doi}}): the first rule whose identifier the document has wins. Values are
 * URL-encoded into the template; a {@code url} identifier is used as it is, but only over http or
 * https, so corpus text can never become a {@code javascript:} link.
 */
public final class DocumentLinks {

  private record Rule(String key, String template) {}

  private final List<Rule> rules;

  private DocumentLinks(List<Rule> rules) {
    this.rules = rules;
  }

  /** Reads {@code key=template} rules separated by commas; an empty string gives no links. */
  public static DocumentLinks parse(String rules) {
    List<Rule> out = new ArrayList<>();
    for (String part : rules.split(",")) {
      String rule = part.strip();
      if (rule.isEmpty()) {
        continue;
      }
      int eq = rule.indexOf('=');
      if (eq <= 0 || !rule.substring(eq + 1).contains("{" + rule.substring(0, eq).strip() + "}")) {
        throw new IllegalArgumentException("server.document-links: '" + rule + "' is not key=template with {key} in"
            + " the template (e.g. pmid=https://pubmed.ncbi.nlm.nih.gov/{pmid}/)");
      }
      out.add(new Rule(rule.substring(0, eq).strip(), rule.substring(eq + 1).strip()));
    }
    return new DocumentLinks(List.copyOf(out));
  }

  /** The link for a document with these identifiers, or null. */
  public String link(Map<String, String> ids) {
    for (Rule rule : rules) {
      String value = ids.get(rule.key());
      if (value == null || value.isBlank()) {
        continue;
      }
      String link = rule.template().equals("{" + rule.key() + "}") ? value.strip()
          : rule.template().replace("{" + rule.key() + "}",
              URLEncoder.encode(value.strip(), StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/"));
      if (webLink(link)) {
        return link;
      }
    }
    return null;
  }

  private static boolean webLink(String link) {
    try {
      String scheme = URI.create(link).getScheme();
      return scheme != null && List.of("http", "https").contains(scheme.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
