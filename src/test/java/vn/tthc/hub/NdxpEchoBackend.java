package vn.tthc.hub;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import vn.tthc.hub.sim.common.SimJson;
import vn.tthc.hub.sim.ndxp.NdxpBackend;
import vn.tthc.hub.sim.ndxp.NdxpReply;

/**
 * Test-only backend behind the NDXP gateway simulator (context {@code echo}): answers what it
 * received. A plain component of the test classpath so that the one shared test context
 * ({@link HubTestBase}) picks it up and no second context is started on the fixed port.
 */
@Component
public class NdxpEchoBackend implements NdxpBackend {

    @Override
    public String context() {
        return "echo";
    }

    @Override
    public NdxpReply handle(String method, String version, String resourcePath, String query, String contentType, byte[] body) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", method);
        m.put("version", version);
        m.put("resource", resourcePath);
        m.put("query", query);
        m.put("contentType", contentType);
        m.put("body", new String(body, StandardCharsets.UTF_8));
        return NdxpReply.json(200, SimJson.write(m));
    }
}
