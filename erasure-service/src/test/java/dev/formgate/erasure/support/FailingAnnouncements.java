package dev.formgate.erasure.support;

import dev.formgate.erasure.registry.StoreAnnounced;
import org.springframework.context.event.EventListener;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A listener of store announcements that fails for the stores a test names, as one whose database is down would, so
 * the announcement is retried and dead-lettered; it counts the announcements it handled.
 */
public class FailingAnnouncements {

	private final Set<String> failing = ConcurrentHashMap.newKeySet();
	private final Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();

	public void failFor(String store) {
		failing.add(store);
	}

	public void recover(String store) {
		failing.remove(store);
	}

	public int handled(String store) {
		return handled.getOrDefault(store, new AtomicInteger()).get();
	}

	@EventListener
	void announced(StoreAnnounced store) {
		if (failing.contains(store.store())) {
			throw new IllegalStateException("listener down");
		}
		handled.computeIfAbsent(store.store(), s -> new AtomicInteger()).incrementAndGet();
	}
}
