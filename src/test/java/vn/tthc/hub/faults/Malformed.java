package vn.tthc.hub.faults;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** S6: the ten kinds of malformed input of RELIABILITY.md, as the province's webhook could receive them. */
final class Malformed {
    /** One bad input and the refusal it must get. */
    record Bad(String kind, byte[] body, String contentType, int status) {
    }

    static final int KINDS = 10;

    private Malformed() {
    }

    /**
     * Round {@code i}: one of each kind, unique to the round. The "illegal status transition" kind needs the dossier's
     * first version stored: it is pushed (and acknowledged) here through {@code source}.
     */
    static List<Bad> round(Source source, int i) {
        List<Bad> out = new ArrayList<>();
        String code = Source.code(source.newDossier());
        out.add(new Bad("invalid JSON", ("{\"nationCode\": \"" + code + "\", \"revision\": ").getBytes(StandardCharsets.UTF_8), "application/json", 400));

        ObjectNode missing = source.newDossier();
        missing.remove("summary");
        out.add(json("missing field", missing, 422));

        ObjectNode wrongType = source.newDossier();
        wrongType.put("revision", "ba-" + i);
        out.add(json("wrong type", wrongType, 422));

        byte[] notUtf8 = ("{\"nationCode\":\"" + i + "\",\"summary\":\"x\"}").getBytes(StandardCharsets.UTF_8);
        notUtf8[notUtf8.length - 4] = (byte) 0xC3; // a lead byte followed by an ASCII character: not UTF-8
        out.add(new Bad("non-UTF-8", notUtf8, "application/json", 400));

        byte[] huge = new byte[5 * 1024 * 1024];
        Arrays.fill(huge, (byte) ' ');
        byte[] head = ("{\"nationCode\":\"huge-" + i + "-" + System.nanoTime() + "\",").getBytes(StandardCharsets.UTF_8);
        System.arraycopy(head, 0, huge, 0, head.length);
        out.add(new Bad("5 MB body", huge, "application/json", 413));

        ObjectNode unknown = source.newDossier();
        ((ObjectNode) unknown.get("procedure")).put("code", "9.99" + String.format("%04d", i));
        out.add(json("unknown procedure", unknown, 422));

        ObjectNode first = source.newDossier();
        int stored = source.push(first);
        if (stored / 100 != 2) {
            throw new IllegalStateException("the first version of the transition case answered " + stored);
        }
        ObjectNode illegal = first.deepCopy();
        illegal.put("revision", 4);
        ((ObjectNode) illegal.get("dossierStatus")).put("id", "0");
        out.add(json("illegal status transition", illegal, 422));

        ObjectNode future = source.newDossier();
        future.put("appliedDate", OffsetDateTime.now(Source.VN).plusDays(3).toString());
        out.add(json("future date", future, 422));

        ObjectNode markup = source.newDossier();
        markup.put("summary", "Đề nghị <script>alert(" + i + ")</script>");
        out.add(json("script in text", markup, 422));

        ObjectNode plain = source.newDossier();
        out.add(new Bad("wrong content type", plain.toString().getBytes(StandardCharsets.UTF_8), "text/plain", 415));
        return out;
    }

    private static Bad json(String kind, ObjectNode d, int status) {
        return new Bad(kind, d.toString().getBytes(StandardCharsets.UTF_8), "application/json", status);
    }
}
