package dev.formgate.gateway.client;

import org.springframework.web.server.ServerWebExchange;

/** The client address {@link ClientAddressFilter} resolved for this exchange. */
public final class ClientAddress {

	static final String ATTRIBUTE = ClientAddress.class.getName();

	private ClientAddress() {
	}

	public static String of(ServerWebExchange exchange) {
		String address = exchange.getAttribute(ATTRIBUTE);
		return address != null ? address : "0.0.0.0";
	}
}
