package dev.handoff.platform;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.util.HtmlUtils;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** RFC 9457 problem details written by servlet filters, which run before Spring MVC's own handling. */
final class Problems {

    private static final ObjectMapper JSON = new ObjectMapper();

    static void write(HttpServletResponse response, int status, String title, String detail) throws IOException {
        write(response, status, "about:blank", title, detail, Map.of());
    }

    /** With a problem type of its own and extension members (RFC 9457 section 3.2). */
    static void write(HttpServletResponse response, int status, String type, String title, String detail,
            Map<String, String> members) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("type", type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        members.forEach(body::put);
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getOutputStream(), body);
    }

    /** 400 with the fields named, as Handoff's API answers invalid input. */
    static void invalid(HttpServletResponse response, List<FieldProblem> errors) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("type", "https://handoff.dev/problems/invalid-input");
        body.put("title", "Invalid input");
        body.put("status", HttpServletResponse.SC_BAD_REQUEST);
        body.put("detail", "The request has " + errors.size() + " invalid field" + (errors.size() == 1 ? "" : "s")
                + ": " + String.join(", ", errors.stream().map(FieldProblem::field).toList()));
        body.set("errors", JSON.valueToTree(errors));
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getOutputStream(), body);
    }

    /** The same problem as a small page, for a person who opened the address in a browser. */
    static void page(HttpServletResponse response, int status, String title, String detail, String link)
            throws IOException {
        response.setStatus(status);
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
                + HtmlUtils.htmlEscape(title) + "</title></head><body><h1>" + HtmlUtils.htmlEscape(title) + "</h1><p>"
                + HtmlUtils.htmlEscape(detail) + "</p><p><a href=\"" + HtmlUtils.htmlEscape(link)
                + "\">Open the Camunda welcome page</a></p></body></html>");
    }

    private Problems() {
    }
}
