package dev.formgate.observability;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;

import java.util.regex.Pattern;

/**
 * Last line of defence for metric tags and span attributes: a URL keeps its path but loses its query string (confirm
 * and unsubscribe tokens travel there), and a value that looks like an e-mail address is replaced. Runs on every
 * observation before metrics and spans see its key values.
 */
public final class ScrubbedObservations implements ObservationFilter {

	static final String REDACTED = "redacted";

	private static final Pattern ADDRESS = Pattern.compile("[^\\s/?&=]+@[^\\s/?&=]+");

	@Override
	public Observation.Context map(Observation.Context context) {
		for (KeyValue keyValue : context.getLowCardinalityKeyValues()) {
			String scrubbed = scrub(keyValue.getValue());
			if (!scrubbed.equals(keyValue.getValue())) {
				context.addLowCardinalityKeyValue(KeyValue.of(keyValue.getKey(), scrubbed));
			}
		}
		for (KeyValue keyValue : context.getHighCardinalityKeyValues()) {
			String scrubbed = scrub(keyValue.getValue());
			if (!scrubbed.equals(keyValue.getValue())) {
				context.addHighCardinalityKeyValue(KeyValue.of(keyValue.getKey(), scrubbed));
			}
		}
		return context;
	}

	static String scrub(String value) {
		int query = value.indexOf('?');
		String withoutQuery = query < 0 ? value : value.substring(0, query);
		return withoutQuery.indexOf('@') < 0 ? withoutQuery : ADDRESS.matcher(withoutQuery).replaceAll(REDACTED);
	}
}
