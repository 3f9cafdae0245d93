package vn.tthc.hub.partner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * Reads the LGSP-style business answer of systems behind NDXP: JSON {@code {status: 1|0,
 * errorCode, message}} or XML {@code <KetQua><TrangThai/><MaLoi/><ThongDiep/></KetQua>}.
 */
public record LgspAnswer(boolean ok, int errorCode, String message) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses an answer; anything unreadable is reported as not ok with code -1. */
    public static LgspAnswer parse(String contentType, String body) {
        if (body == null || body.isBlank()) {
            return new LgspAnswer(false, -1, "empty answer");
        }
        try {
            if (contentType != null && contentType.contains("xml") || body.trim().startsWith("<")) {
                Document doc = secureBuilder().parse(new InputSource(new StringReader(body)));
                String status = text(doc, "TrangThai");
                String code = text(doc, "MaLoi");
                return new LgspAnswer("1".equals(status), code.isEmpty() ? 0 : Integer.parseInt(code), text(doc, "ThongDiep"));
            }
            JsonNode n = JSON.readTree(body);
            return new LgspAnswer(n.path("status").asInt(0) == 1, n.path("errorCode").asInt(0), n.path("message").asText(""));
        } catch (Exception e) {
            return new LgspAnswer(false, -1, "unreadable answer: " + e.getClass().getSimpleName());
        }
    }

    private static String text(Document doc, String tag) {
        Node n = doc.getElementsByTagName(tag).item(0);
        return n == null ? "" : n.getTextContent().trim();
    }

    private static javax.xml.parsers.DocumentBuilder secureBuilder() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setExpandEntityReferences(false);
        f.setXIncludeAware(false);
        return f.newDocumentBuilder();
    }
}
