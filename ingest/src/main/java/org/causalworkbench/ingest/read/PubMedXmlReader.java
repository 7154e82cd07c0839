package org.causalworkbench.ingest.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.causalworkbench.core.model.DeadLetterReason;

/**
 * PubMed / MEDLINE citation XML ({@code PubmedArticleSet}, as in the annual baseline and the daily
 * update files, {@code .xml} or {@code .xml.gz}): one document per {@code PubmedArticle}, its text
 * the abstract (labelled parts as "LABEL: text", one paragraph each), its title the article title;
 * PMID, journal, year and DOI become metadata. Read as a stream, one article at a time, so a baseline
 * file of 30,000 articles never sits in memory. DTDs and external entities are refused: the text of
 * a document stays data, never an instruction to read a file or a URL.
 */
public final class PubMedXmlReader implements CorpusReader {

  private static final String ARTICLE = "PubmedArticle";

  private final DocumentFactory documents;
  private final XMLInputFactory factory;

  public PubMedXmlReader(DocumentFactory documents) {
    this.documents = documents;
    this.factory = SafeXml.factory();
  }

  @Override
  public Set<String> extensions() {
    return Set.of("xml");
  }

  /** What one article gives, filled in as its elements stream by. */
  private static final class Article {
    String pmid = "";
    String title = "";
    String journal = "";
    String year = "";
    String doi = "";
    final List<String> abstractParts = new ArrayList<>();
    long chars;
    int line;
  }

  @Override
  public void read(Path file, InputStream in, IngestSink sink) throws IOException {
    int articles = 0;
    XMLStreamReader xml = null;
    try {
      xml = factory.createXMLStreamReader(in);
      Article article = null;
      List<String> path = new ArrayList<>();
      while (xml.hasNext()) {
        // A DOCTYPE (PubMed files name their DTD) is passed over unread: DTD support is off.
        int event = SafeXml.next(xml);
        if (event == XMLStreamConstants.START_ELEMENT) {
          String name = xml.getLocalName();
          path.add(name);
          if (name.equals(ARTICLE)) {
            article = new Article();
            article.line = xml.getLocation().getLineNumber();
          } else if (article != null && readField(xml, name, path, article)) {
            path.remove(path.size() - 1); // read with its end tag
          }
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          String name = path.remove(path.size() - 1);
          if (name.equals(ARTICLE) && article != null) {
            articles++;
            emit(file, article, sink);
            article = null;
          }
        }
      }
    } catch (XMLStreamException e) {
      SafeXml.malformed(file, e, "PubMed XML", articles + " articles", sink);
    } finally {
      SafeXml.close(xml);
    }
  }

  /**
   * Reads the text of a field an article keeps, through its end tag; false, having read nothing,
   * for any other element.
   */
  private boolean readField(XMLStreamReader xml, String name, List<String> path, Article article)
      throws XMLStreamException {
    String parent = path.size() >= 2 ? path.get(path.size() - 2) : "";
    switch (name) {
      case "PMID" -> {
        if (!parent.equals("MedlineCitation") || !article.pmid.isEmpty()) {
          return false;
        }
        article.pmid = text(xml, article).strip();
      }
      case "ArticleTitle" -> article.title = text(xml, article).strip();
      case "ELocationID", "ArticleId" -> {
        String type = xml.getAttributeValue(null, name.equals("ArticleId") ? "IdType" : "EIdType");
        if (!"doi".equalsIgnoreCase(type) || !article.doi.isEmpty()) {
          return false;
        }
        article.doi = text(xml, article).strip();
      }
      case "AbstractText" -> {
        String label = xml.getAttributeValue(null, "Label");
        String text = text(xml, article).strip();
        if (!text.isEmpty()) {
          article.abstractParts.add(label == null || label.isBlank() ? text : label.strip() + ": " + text);
        }
      }
      case "Title" -> {
        if (!parent.equals("Journal")) {
          return false;
        }
        article.journal = text(xml, article).strip();
      }
      case "Year" -> {
        if (!parent.equals("PubDate") || !article.year.isEmpty()) {
          return false;
        }
        article.year = text(xml, article).strip();
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  /** The character data of the current element and the elements inside it (italics, sub- and superscripts). */
  private String text(XMLStreamReader xml, Article article) throws XMLStreamException {
    StringBuilder out = new StringBuilder();
    int depth = 1;
    while (depth > 0) {
      int event = SafeXml.next(xml);
      switch (event) {
        case XMLStreamConstants.START_ELEMENT -> depth++;
        case XMLStreamConstants.END_ELEMENT -> depth--;
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
          article.chars += xml.getTextLength();
          // Past the limit the article is refused anyway: count on, keep nothing more.
          if (article.chars <= documents.maxDocumentBytes()) {
            out.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
          }
        }
        default -> { }
      }
    }
    return out.toString();
  }

  private void emit(Path file, Article article, IngestSink sink) {
    String source = file + ":" + article.line + (article.pmid.isEmpty() ? "" : " (PMID " + article.pmid + ")");
    if (article.chars > documents.maxDocumentBytes()) {
      sink.deadLetter(DocumentFactory.deadLetter(source, DeadLetterReason.TOO_LARGE, source + ": more than"
          + " ingest.max-document-bytes=" + documents.maxDocumentBytes() + " characters of text", ""));
      return;
    }
    if (article.abstractParts.isEmpty()) {
      sink.deadLetter(DocumentFactory.deadLetter(source, DeadLetterReason.MISSING_TEXT,
          source + ": the article has no abstract", article.title));
      return;
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    if (!article.pmid.isEmpty()) {
      metadata.put("pmid", article.pmid);
    }
    if (!article.journal.isEmpty()) {
      metadata.put("journal", article.journal);
    }
    if (!article.year.isEmpty()) {
      metadata.put("year", article.year);
    }
    if (!article.doi.isEmpty()) {
      metadata.put("doi", article.doi);
    }
    metadata.put(DocumentFactory.FORMAT_KEY, "pubmed-xml");
    sink.document(documents.document(source, article.title, String.join("\n\n", article.abstractParts), metadata));
  }
}
