package org.causalworkbench.graph.export;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * GraphML with typed attribute keys, so Gephi, Cytoscape and NetworkX read belief as a number:
 * nodes carry {@code name}; edges {@code belief}, {@code state}, {@code flags} (comma-separated),
 * {@code evidence_count}, {@code document_count} and {@code polarity} ({@code increases}, {@code
 * decreases} or {@code unknown}). Written with StAX, so text is escaped.
 */
public final class GraphMlExporter implements GraphExporter {

  @Override
  public String format() {
    return "graphml";
  }

  @Override
  public List<Path> write(GraphSnapshot graph, Path out) throws IOException {
    try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(w);
      x.writeStartDocument("UTF-8", "1.0");
      x.writeCharacters("\n");
      x.writeStartElement("graphml");
      x.writeDefaultNamespace("http://graphml.graphdrawing.org/xmlns");
      key(x, "name", "node", "string");
      key(x, "belief", "edge", "double");
      key(x, "state", "edge", "string");
      key(x, "flags", "edge", "string");
      key(x, "evidence_count", "edge", "int");
      key(x, "document_count", "edge", "int");
      key(x, "polarity", "edge", "string");
      x.writeStartElement("graph");
      x.writeAttribute("id", "causal-graph");
      x.writeAttribute("edgedefault", "directed");
      for (GraphSnapshot.Node n : graph.nodes()) {
        x.writeStartElement("node");
        x.writeAttribute("id", "v" + n.id());
        data(x, "name", n.name());
        x.writeEndElement();
      }
      for (GraphSnapshot.Edge e : graph.edges()) {
        x.writeStartElement("edge");
        x.writeAttribute("id", "e" + e.id());
        x.writeAttribute("source", "v" + e.causeId());
        x.writeAttribute("target", "v" + e.effectId());
        data(x, "belief", String.format(Locale.ROOT, "%.6f", e.belief()));
        data(x, "state", e.state());
        data(x, "flags", String.join(",", e.flags()));
        data(x, "evidence_count", Integer.toString(e.evidenceCount()));
        data(x, "document_count", Integer.toString(e.documentCount()));
        data(x, "polarity", e.polarity());
        x.writeEndElement();
      }
      x.writeEndElement();
      x.writeEndElement();
      x.writeEndDocument();
      x.close();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write GraphML to " + out + ": " + e.getMessage(), e);
    }
    return List.of(out);
  }

  private static void key(XMLStreamWriter x, String name, String domain, String type) throws XMLStreamException {
    x.writeEmptyElement("key");
    x.writeAttribute("id", name);
    x.writeAttribute("for", domain);
    x.writeAttribute("attr.name", name);
    x.writeAttribute("attr.type", type);
  }

  private static void data(XMLStreamWriter x, String key, String value) throws XMLStreamException {
    x.writeStartElement("data");
    x.writeAttribute("key", key);
    x.writeCharacters(value);
    x.writeEndElement();
  }
}
