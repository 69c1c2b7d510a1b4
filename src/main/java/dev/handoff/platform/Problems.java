package dev.handoff.platform;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** RFC 9457 problem details written by servlet filters, which run before Spring MVC's own handling. */
final class Problems {

    private static final ObjectMapper JSON = new ObjectMapper();

    static void write(HttpServletResponse response, int status, String title, String detail) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getOutputStream(), body);
    }

    private Problems() {
    }
}
