package org.catalogimport.imports;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The name of this server node, as shown on sessions ("which node runs it"). */
public final class NodeName {

    private static final String NAME = resolve();

    private NodeName() {
    }

    public static String get() {
        return NAME;
    }

    private static String resolve() {
        String configured = System.getenv("CATALOG_NODE_NAME");
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        try {
            return InetAddress.getLocalHost().getHostName() + ":" + ProcessHandle.current().pid();
        } catch (UnknownHostException e) {
            return "pid-" + ProcessHandle.current().pid();
        }
    }
}
