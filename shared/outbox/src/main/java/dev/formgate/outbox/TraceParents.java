package dev.formgate.outbox;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

import java.util.regex.Pattern;

/**
 * Carries a trace across the outbox. The request that owes an event stores the W3C {@code traceparent} of its span in
 * the outbox entry (trace and span ids, no personal data); the relay, later and on another thread, publishes inside
 * that context, so the Kafka record and its consumers join the request's trace.
 */
public final class TraceParents {

	private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");

	private TraceParents() {
	}

	/** The traceparent of the span current on this thread, or null outside a trace. */
	public static String current() {
		SpanContext span = Span.current().getSpanContext();
		if (!span.isValid()) {
			return null;
		}
		return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
	}

	/** Runs the action as a child of the given traceparent; with none (or a malformed one), as it is. */
	public static void runWithin(String traceparent, Runnable action) {
		var matcher = traceparent == null ? null : TRACEPARENT.matcher(traceparent);
		if (matcher == null || !matcher.matches()) {
			action.run();
			return;
		}
		SpanContext parent = SpanContext.createFromRemoteParent(matcher.group(1), matcher.group(2),
				TraceFlags.fromHex(matcher.group(3), 0), TraceState.getDefault());
		try (Scope scope = Context.root().with(Span.wrap(parent)).makeCurrent()) {
			action.run();
		}
	}
}
