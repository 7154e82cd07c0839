package org.causalworkbench.ingest.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * BioC XML ({@code <collection>} of {@code <document>}s, as PubTator and PMC's BioC service give
 * them): one document per {@code document}, its title the passage typed {@code title} (or {@code
 * front}), its text the other passages in order, one paragraph each; its {@code id} and the PMID
 * and DOI infons PMC adds become metadata. Streamed one document at a time, DTDs refused.
 */
public final class BioCXmlReader implements CorpusReader {

  private final BioCDocuments documents;
  private final XMLInputFactory factory = SafeXml.factory();

  public BioCXmlReader(DocumentFactory documents) {
    this.documents = new BioCDocuments(documents);
  }

  @Override
  public Set<String> extensions() {
    return Set.of("xml");
  }

  @Override
  public void read(Path file, InputStream in, IngestSink sink) throws IOException {
    int read = 0;
    XMLStreamReader xml = null;
    try {
      xml = factory.createXMLStreamReader(in);
      BioCDocuments.Builder document = null;
      String passageType = null;
      StringBuilder passageText = null;
      String infonKey = null;
      StringBuilder text = new StringBuilder();
      java.util.ArrayDeque<String> path = new java.util.ArrayDeque<>();
      while (xml.hasNext()) {
        int event = SafeXml.next(xml);
        if (event == XMLStreamConstants.START_ELEMENT) {
          String name = xml.getLocalName();
          String parent = path.isEmpty() ? "" : path.peek();
          path.push(name);
          text.setLength(0);
          if (name.equals("document") && parent.equals("collection")) {
            document = documents.start(file, xml.getLocation().getLineNumber());
          } else if (name.equals("passage") && document != null) {
            passageType = "";
            passageText = new StringBuilder();
          } else if (name.equals("infon")) {
            infonKey = xml.getAttributeValue(null, "key");
          }
        } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
            || event == XMLStreamConstants.SPACE) {
          text.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          String name = path.pop();
          String parent = path.isEmpty() ? "" : path.peek();
          if (document == null) {
            continue;
          }
          switch (name) {
            case "id" -> {
              if (parent.equals("document")) {
                document.id(text.toString().strip());
              }
            }
            case "infon" -> {
              if (parent.equals("passage") && infonKey != null) {
                if (infonKey.equals("type") || infonKey.equals("section_type") && passageType.isEmpty()) {
                  passageType = text.toString().strip();
                }
                document.infon(infonKey, text.toString().strip());
              }
              infonKey = null;
            }
            case "text" -> {
              if (parent.equals("passage") && passageText != null) {
                passageText.append(text);
              }
            }
            case "passage" -> {
              if (passageText != null) {
                document.passage(passageType, passageText.toString());
              }
              passageText = null;
            }
            case "document" -> {
              if (parent.equals("collection")) {
                read++;
                documents.emit(document, "bioc-xml", sink);
                document = null;
              }
            }
            default -> { }
          }
          text.setLength(0);
        }
      }
    } catch (XMLStreamException e) {
      SafeXml.malformed(file, e, "BioC XML", read + " documents", sink);
    } finally {
      SafeXml.close(xml);
    }
  }
}
