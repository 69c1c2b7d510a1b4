package dev.handoff.platform;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * This node's stable name ({@code handoff.node.id}, by default host and port): what it locks engine jobs and
 * outbox rows under, so that a node that starts again after a crash takes back what its predecessor held.
 */
@Component
public class NodeId {

    private final String value;

    NodeId(@Value("${handoff.node.id:}") String configuredId, @Value("${server.port:8080}") String port) {
        this.value = configuredId == null || configuredId.isBlank() ? hostName() + ":" + port : configuredId.trim();
    }

    public String value() {
        return value;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
