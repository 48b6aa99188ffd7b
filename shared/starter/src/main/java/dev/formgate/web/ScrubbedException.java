package dev.formgate.web;

import java.util.ArrayList;
import java.util.List;

/** An exception's class and stack without its message, for a log; causes likewise. */
final class ScrubbedException extends RuntimeException {

	private ScrubbedException(Throwable original, ScrubbedException cause) {
		super(original.getClass().getName(), cause, false, true);
		setStackTrace(original.getStackTrace());
	}

	static ScrubbedException of(Throwable original) {
		List<Throwable> chain = new ArrayList<>();
		for (Throwable t = original; t != null && chain.size() < 10 && !chain.contains(t); t = t.getCause()) {
			chain.add(t);
		}
		ScrubbedException scrubbed = null;
		for (int i = chain.size() - 1; i >= 0; i--) {
			scrubbed = new ScrubbedException(chain.get(i), scrubbed);
		}
		return scrubbed;
	}

	@Override
	public String toString() {
		return getMessage(); // the original's class name, without this wrapper's
	}
}
