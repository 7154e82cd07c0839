package org.causalworkbench.ingest.read;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * XML as the corpus readers read it: streamed, with DTDs and external entities refused, so the
 * text of a document stays data, never an instruction to read a file or a URL.
 */
final class SafeXml {

  private SafeXml() {}

  static XMLInputFactory factory() {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    return factory;
  }

  /** The next event; an entity reference (never expanded here) is refused as malformed input. */
  static int next(XMLStreamReader xml) throws XMLStreamException {
    int event = xml.next();
    if (event == XMLStreamConstants.ENTITY_REFERENCE) {
      throw new XMLStreamException("the entity reference &" + xml.getLocalName() + "; is not read", xml.getLocation());
    }
    return event;
  }

  /** The name of the root element in the first bytes of a file, or null when they hold none. */
  static String rootElement(byte[] head) {
    try {
      XMLStreamReader xml = factory().createXMLStreamReader(new ByteArrayInputStream(head));
      while (xml.hasNext()) {
        if (xml.next() == XMLStreamConstants.START_ELEMENT) {
          return xml.getLocalName();
        }
      }
    } catch (XMLStreamException e) {
      return null;
    }
    return null;
  }

  /** The I/O failure behind a parse error (the file itself, its size, its gzip stream), if any. */
  static IOException ioCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException io) {
        return io;
      }
      if (t instanceof XMLStreamException x && x.getNestedException() instanceof IOException io) {
        return io;
      }
    }
    return null;
  }

  /**
   * A parse error: rethrown when the file itself failed (its size, its gzip stream), else the file
   * dead-lettered as malformed, saying where and how much of it was read before.
   */
  static void malformed(java.nio.file.Path file, XMLStreamException e, String format, String readBefore,
      IngestSink sink) throws IOException {
    IOException io = ioCause(e);
    if (io != null) {
      throw io;
    }
    String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNumber();
    sink.deadLetter(DocumentFactory.deadLetter(file.toString(), org.causalworkbench.core.model.DeadLetterReason.MALFORMED,
        file + ": not well-formed " + format + where + ": " + firstLine(e.getMessage()) + "; " + readBefore
            + " before it were read", ""));
  }

  /** Closes a reader that may already have failed. */
  static void close(XMLStreamReader xml) {
    if (xml != null) {
      try {
        xml.close();
      } catch (XMLStreamException ignored) {
        // closing a reader that already failed
      }
    }
  }

  static String firstLine(String message) {
    int nl = message == null ? -1 : message.indexOf('\n');
    return nl < 0 ? String.valueOf(message) : message.substring(0, nl);
  }
}
