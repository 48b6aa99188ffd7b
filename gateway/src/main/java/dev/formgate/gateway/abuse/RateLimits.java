package dev.formgate.gateway.abuse;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.formgate.gateway.client.IpPrefixes;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;

/**
 * Token buckets per client address and per network block, in this gateway's memory. A bucket nobody used for one
 * refill period is full again and is dropped, so memory follows the active clients, bounded by the cache size.
 */
@Component
class RateLimits {

	private final AbuseProperties properties;
	private final Cache<String, Bucket> addresses;
	private final Cache<String, Bucket> networks;

	RateLimits(AbuseProperties properties) {
		this.properties = properties;
		this.addresses = cache(properties.perAddress().period());
		this.networks = cache(properties.perNetwork().period());
	}

	private static Cache<String, Bucket> cache(Duration period) {
		return Caffeine.newBuilder().expireAfterAccess(period).maximumSize(1_000_000).build();
	}

	/** Takes one token from the address's and the network's bucket; empty when allowed, else how long to wait. */
	Optional<Duration> tryAcquire(String address) {
		String network = IpPrefixes.mask(address, properties.ipv4NetworkBits(), properties.ipv6NetworkBits());
		ConsumptionProbe perAddress = addresses.get(address, key -> bucket(properties.perAddress()))
			.tryConsumeAndReturnRemaining(1);
		if (!perAddress.isConsumed()) {
			return Optional.of(Duration.ofNanos(perAddress.getNanosToWaitForRefill()));
		}
		ConsumptionProbe perNetwork = networks.get(network, key -> bucket(properties.perNetwork()))
			.tryConsumeAndReturnRemaining(1);
		if (!perNetwork.isConsumed()) {
			return Optional.of(Duration.ofNanos(perNetwork.getNanosToWaitForRefill()));
		}
		return Optional.empty();
	}

	private static Bucket bucket(AbuseProperties.Limit limit) {
		return Bucket.builder()
			.addLimit(Bandwidth.builder().capacity(limit.requests()).refillGreedy(limit.requests(), limit.period())
				.build())
			.build();
	}
}
