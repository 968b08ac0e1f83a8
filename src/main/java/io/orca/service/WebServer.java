package io.orca.service;

import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Tomcat's connector: "100 Continue" only when the service reads the body, so that a client sending
 * {@code Expect: 100-continue} with an oversized body gets its 413 before it sends a byte (Tomcat's default answers
 * 100 at once, and then closes the connection on a body larger than it drains).
 */
@Component
class WebServer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {
    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(c -> c.setProperty("continueResponseTiming", "onRead"));
    }
}
