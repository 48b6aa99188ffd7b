package dev.formgate.gateway.client;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Client address resolution (prefix {@code formgate.gateway}).
 *
 * @param trustedProxies how many reverse proxies in front of the gateway append to {@code X-Forwarded-For}
 * (default 0: the TCP peer is the client)
 */
@ConfigurationProperties("formgate.gateway")
record ClientAddressProperties(@DefaultValue("0") int trustedProxies) {
}
