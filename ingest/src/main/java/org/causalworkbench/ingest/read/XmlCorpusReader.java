package org.causalworkbench.ingest.read;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Set;
import org.causalworkbench.core.model.DeadLetterReason;

/**
 * {@code .xml} files, by what their root element says they are: PubMed/MEDLINE ({@code
 * PubmedArticleSet}) or BioC ({@code collection}).
 */
public final class XmlCorpusReader implements CorpusReader {

  /** How far into a file its root element must start. */
  private static final int HEAD_BYTES = 256 * 1024;

  private final PubMedXmlReader pubmed;
  private final BioCXmlReader bioc;

  public XmlCorpusReader(DocumentFactory documents) {
    this.pubmed = new PubMedXmlReader(documents);
    this.bioc = new BioCXmlReader(documents);
  }

  @Override
  public Set<String> extensions() {
    return Set.of("xml");
  }

  @Override
  public void read(Path file, InputStream in, IngestSink sink) throws IOException {
    InputStream buffered = in.markSupported() ? in : new BufferedInputStream(in, 64 * 1024);
    buffered.mark(HEAD_BYTES);
    byte[] head = buffered.readNBytes(HEAD_BYTES);
    buffered.reset();
    String root = SafeXml.rootElement(head);
    if ("PubmedArticleSet".equals(root) || "PubmedArticle".equals(root)) {
      pubmed.read(file, buffered, sink);
    } else if ("collection".equals(root)) {
      bioc.read(file, buffered, sink);
    } else {
      sink.deadLetter(DocumentFactory.deadLetter(file.toString(), DeadLetterReason.UNSUPPORTED_FORMAT, file
          + (root == null ? ": no XML root element in its first " + HEAD_BYTES / 1024 + " KiB"
              : ": XML rooted in <" + root + ">") + "; read are PubMed/MEDLINE (<PubmedArticleSet>) and BioC"
          + " (<collection>)", ""));
    }
  }
}
