package dev.formgate.store;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * MongoDB driver timeouts (prefix {@code formgate.store}). The driver's defaults (30 s to select a server, no socket
 * timeout) would hold a request for half a minute while the store is down; with these, a write fails fast and the
 * caller answers 503. Options written in the connection string ({@code serverSelectionTimeoutMS}, …) win.
 *
 * @param serverSelectionTimeout how long an operation waits for a reachable server (default 2s)
 * @param connectTimeout how long opening a connection may take (default 2s)
 * @param socketTimeout how long a read on an open connection may take (default 10s)
 */
@ConfigurationProperties("formgate.store")
public record StoreProperties(@DefaultValue("2s") Duration serverSelectionTimeout,
		@DefaultValue("2s") Duration connectTimeout, @DefaultValue("10s") Duration socketTimeout) {
}
