package vn.tthc.hub.mapping;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.sax.SAXSource;
import javax.xml.transform.stream.StreamSource;
import net.sf.saxon.s9api.Message;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.QName;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.Serializer;
import net.sf.saxon.s9api.XdmAtomicValue;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.XdmValue;
import net.sf.saxon.s9api.XmlProcessingError;
import net.sf.saxon.s9api.Xslt30Transformer;
import net.sf.saxon.s9api.XsltCompiler;
import net.sf.saxon.s9api.XsltExecutable;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/** The XSLT 3.0 mappings of {@code mappings/<dir>/<name>.xsl}, compiled once with Saxon HE and run one transformer per call. */
final class XsltMappings {
    // Thread safety: Processor and XsltExecutable are immutable once built and documented as
    // shareable; Xslt30Transformer, Serializer and the SAX XMLReader are not, so every call makes its
    // own. Compiling at construction makes a broken stylesheet fail start-up, like the .jsonata files.
    //
    // Security: partner XML is parsed by our own XMLReader with DOCTYPEs refused outright (no DTD,
    // so no internal or external entities, no billion-laughs), instead of trusting Saxon's default
    // parser configuration. Stylesheets are our own files and are trusted.

    static final String EXTENSION = ".xsl";
    /** The stylesheet parameter that receives the input JSON text in {@link #toXml}. */
    static final QName JSON_PARAM = new QName("json");
    /** The named template {@link #toXml} starts from (there is no input document). */
    static final QName MAIN = new QName("main");

    private final Processor processor = new Processor(false);
    private final Map<String, XsltExecutable> executables;
    private final SAXParserFactory saxFactory;

    XsltMappings(Path mappingsDir) {
        this.saxFactory = secureSaxFactory();
        this.executables = compileAll(mappingsDir);
    }

    java.util.Set<String> names() {
        return executables.keySet();
    }

    boolean has(String name) {
        return executables.containsKey(name);
    }

    private Map<String, XsltExecutable> compileAll(Path dir) {
        Map<String, XsltExecutable> found = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(EXTENSION)).sorted().toList()) {
                String relative = dir.relativize(file).toString().replace('\\', '/');
                String name = relative.substring(0, relative.length() - EXTENSION.length());
                found.put(name, compile(name, file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read mappings under " + dir, e);
        }
        return Map.copyOf(found);
    }

    private XsltExecutable compile(String name, Path file) {
        XsltCompiler compiler = processor.newXsltCompiler();
        List<XmlProcessingError> errors = new ArrayList<>();
        // collect instead of printing to stderr: the first error becomes the start-up failure
        compiler.setErrorReporter(e -> {
            if (!e.isWarning()) {
                errors.add(e);
            }
        });
        try {
            return compiler.compile(new StreamSource(file.toFile()));
        } catch (SaxonApiException e) {
            XmlProcessingError first = errors.isEmpty() ? null : errors.get(0);
            int line = first != null && first.getLocation() != null ? first.getLocation().getLineNumber() : e.getLineNumber();
            String message = first != null ? first.getMessage() : e.getMessage();
            throw new MappingException(name, null, null, Math.max(line, 0),
                    "XSLT compile error in " + file + (line > 0 ? " line " + line : "") + ": " + message, e);
        }
    }

    /** Runs the stylesheet from template {@code main} with the JSON text as parameter {@code json}; returns the serialized result. */
    String toXml(String name, String json, Map<String, String> params) {
        XsltExecutable executable = executable(name);
        Xslt30Transformer transformer = executable.load30();
        List<String> messages = new ArrayList<>();
        transformer.setMessageHandler(m -> messages.add(messageText(m)));
        StringWriter out = new StringWriter();
        try {
            Map<QName, XdmValue> parameters = parameters(params);
            parameters.put(JSON_PARAM, new XdmAtomicValue(json));
            transformer.setStylesheetParameters(parameters);
            Serializer serializer = serializer(transformer, out);
            transformer.callTemplate(MAIN, serializer);
        } catch (SaxonApiException e) {
            throw failed(name, e, messages);
        }
        return out.toString();
    }

    /** Parses the XML securely, applies the stylesheet to it and returns its (JSON) text output. */
    String fromXml(String name, String xml, Map<String, String> params) {
        XsltExecutable executable = executable(name);
        XdmNode document = parse(name, xml);
        Xslt30Transformer transformer = executable.load30();
        List<String> messages = new ArrayList<>();
        transformer.setMessageHandler(m -> messages.add(messageText(m)));
        StringWriter out = new StringWriter();
        try {
            transformer.setStylesheetParameters(parameters(params));
            transformer.setGlobalContextItem(document);
            transformer.applyTemplates(document, serializer(transformer, out));
        } catch (SaxonApiException e) {
            throw failed(name, e, messages);
        }
        return out.toString();
    }

    private XsltExecutable executable(String name) {
        XsltExecutable executable = executables.get(name);
        if (executable == null) {
            throw new MappingException(name, "unknown XSLT mapping (no " + name + EXTENSION + "); known: " + executables.keySet());
        }
        return executable;
    }

    private static Map<QName, XdmValue> parameters(Map<String, String> params) {
        Map<QName, XdmValue> result = new HashMap<>();
        if (params != null) {
            params.forEach((k, v) -> result.put(new QName(k), new XdmAtomicValue(v == null ? "" : v)));
        }
        return result;
    }

    private static Serializer serializer(Xslt30Transformer transformer, StringWriter out) {
        // newSerializer takes the stylesheet's xsl:output; the encoding is forced because callers
        // send the string as UTF-8 and the XML declaration must not claim anything else
        Serializer serializer = transformer.newSerializer(out);
        serializer.setOutputProperty(Serializer.Property.ENCODING, "UTF-8");
        return serializer;
    }

    private XdmNode parse(String name, String xml) {
        try {
            XMLReader reader = saxFactory.newSAXParser().getXMLReader();
            return processor.newDocumentBuilder().build(new SAXSource(reader, new InputSource(new StringReader(xml))));
        } catch (SaxonApiException e) {
            Throwable cause = e.getCause();
            while (cause != null && !(cause instanceof SAXParseException) && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            String where = cause instanceof SAXParseException p ? " (input line " + p.getLineNumber() + ")" : "";
            String why = cause != null ? cause.getMessage() : e.getMessage();
            throw new MappingException(name, "input is not acceptable XML" + where + ": " + why, e);
        } catch (ParserConfigurationException | SAXException e) {
            throw new MappingException(name, "cannot create the XML parser: " + e.getMessage(), e);
        }
    }

    private static SAXParserFactory secureSaxFactory() {
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setValidating(false);
        factory.setXIncludeAware(false);
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        } catch (ParserConfigurationException | SAXException e) {
            // refuse to start rather than parse partner XML with entities enabled
            throw new IllegalStateException("the XML parser cannot be secured: " + e.getMessage(), e);
        }
        return factory;
    }

    private static String messageText(Message m) {
        return m.getContent() == null ? "" : m.getContent().getStringValue();
    }

    private static MappingException failed(String name, SaxonApiException e, List<String> messages) {
        int line = Math.max(e.getLineNumber(), 0);
        String text = messages.isEmpty() ? e.getMessage() : String.join("; ", messages);
        String code = e.getErrorCode() == null ? "" : " [" + e.getErrorCode().getLocalName() + "]";
        return new MappingException(name, null, null, line, "XSLT error" + code + ": " + text, e);
    }
}
