package vn.tthc.hub.sim.ministry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import vn.tthc.hub.sim.dvcqg.DvcqgValidator;

/**
 * The XML form of the dossier model used by XML ministries (<b>assumed</b>, no public spec): an item's
 * fields are child elements with the JSON names; an array field {@code X} is {@code <X>} holding one
 * {@code <Muc>} per entry; empty values are empty elements. Parsing refuses DOCTYPEs, so no external
 * entity or DTD is ever read (XXE).
 */
public final class MinistryXml {

    public static final String ENTRY = "Muc";

    /** Array fields of a ministry's look-up answer beside the dossier arrays. */
    private static final Set<String> EXTRA_ARRAYS = Set.of("TienDo");

    private MinistryXml() {
    }

    /**
     * Parses a document with external entities, DTDs and XInclude disabled.
     *
     * @throws IllegalArgumentException when the text is not well-formed or declares a DOCTYPE
     */
    public static Document parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new IllegalArgumentException("thân yêu cầu rỗng");
        }
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(SILENT);
            return b.parse(new ByteArrayInputStream(body));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser cannot be secured", e);
        } catch (SAXException e) {
            String msg = e.getMessage() == null ? "" : e.getMessage();
            if (msg.contains("DOCTYPE")) {
                throw new IllegalArgumentException("XML không hợp lệ: không chấp nhận khai báo DOCTYPE", e);
            }
            throw new IllegalArgumentException("XML không hợp lệ: " + msg, e);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("XML không đọc được: " + e.getMessage(), e);
        }
    }

    /** The element children of {@code parent}, in order. */
    public static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    /** The single child named {@code name}, or null; two of them are refused. */
    public static Element child(Element parent, String name) {
        Element found = null;
        for (Element e : children(parent)) {
            if (e.getTagName().equals(name)) {
                if (found != null) {
                    throw new IllegalArgumentException(parent.getTagName() + "." + name + ": chỉ được xuất hiện một lần");
                }
                found = e;
            }
        }
        return found;
    }

    /**
     * The JSON form of a record element: each child becomes a field; a child with {@code <Muc>}
     * children, or a known array field, becomes an array of objects; any other child is a string.
     *
     * @throws IllegalArgumentException (naming the field) for a repeated field or a malformed array
     */
    public static ObjectNode toJson(Element record, String path) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Element field : children(record)) {
            String name = field.getTagName();
            String fieldPath = path + "." + name;
            if (out.has(name)) {
                throw new IllegalArgumentException(fieldPath + ": trường bị lặp lại");
            }
            out.set(name, value(field, fieldPath, isArrayField(name)));
        }
        return out;
    }

    private static JsonNode value(Element field, String path, boolean arrayField) {
        List<Element> kids = children(field);
        if (kids.isEmpty()) {
            return arrayField ? JsonNodeFactory.instance.arrayNode() : JsonNodeFactory.instance.textNode(field.getTextContent());
        }
        boolean entries = kids.stream().allMatch(k -> k.getTagName().equals(ENTRY));
        if (!arrayField && !entries) {
            throw new IllegalArgumentException(path + ": phải là giá trị chuỗi, không chứa phần tử con");
        }
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < kids.size(); i++) {
            Element k = kids.get(i);
            if (!k.getTagName().equals(ENTRY)) {
                throw new IllegalArgumentException(path + ": mỗi phần tử của mảng phải là <" + ENTRY + ">, không nhận <"
                        + k.getTagName() + ">");
            }
            array.add(toJson(k, path + "[" + i + "]"));
        }
        return array;
    }

    private static boolean isArrayField(String name) {
        return DvcqgValidator.DOSSIER_ARRAYS.contains(name) || EXTRA_ARRAYS.contains(name);
    }

    /** Appends {@code <name>…</name>} for a JSON value: objects as child elements, arrays as {@code <Muc>} entries. */
    public static void write(StringBuilder sb, String name, JsonNode value) {
        sb.append('<').append(name).append('>');
        if (value.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = value.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                write(sb, f.getKey(), f.getValue());
            }
        } else if (value.isArray()) {
            for (JsonNode entry : value) {
                write(sb, ENTRY, entry);
            }
        } else if (!value.isNull()) {
            escape(sb, value.asText());
        }
        sb.append("</").append(name).append('>');
    }

    /** Appends {@code text} escaped for XML content, dropping characters XML 1.0 cannot hold. */
    public static void escape(StringBuilder sb, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        sb.append(c);
                    }
                }
            }
        }
    }

    private static final ErrorHandler SILENT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };
}
