package vn.tthc.hub.mapping;

import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/** Whitespace-insensitive DOM equality for golden XML: indentation between elements does not count, text content does. */
final class XmlEquality {
    private XmlEquality() {
    }

    static boolean equal(String expected, String actual) {
        return parse(expected).isEqualNode(parse(actual));
    }

    static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
            strip(doc.getDocumentElement());
            doc.normalizeDocument();
            return doc;
        } catch (Exception e) {
            throw new IllegalArgumentException("not well-formed XML: " + e.getMessage(), e);
        }
    }

    /** Drops whitespace-only text beside child elements (indentation); a leaf's text, even blank, is kept. */
    private static void strip(Node element) {
        boolean hasElements = false;
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            hasElements |= n.getNodeType() == Node.ELEMENT_NODE;
        }
        Node n = element.getFirstChild();
        while (n != null) {
            Node next = n.getNextSibling();
            if (n.getNodeType() == Node.COMMENT_NODE
                    || (hasElements && n.getNodeType() == Node.TEXT_NODE && n.getNodeValue().isBlank())) {
                element.removeChild(n);
            } else if (n.getNodeType() == Node.ELEMENT_NODE) {
                strip(n);
            }
            n = next;
        }
    }
}
