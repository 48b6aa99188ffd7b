package dev.formgate.store;

import com.mongodb.MongoClientSettings;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

import java.util.concurrent.TimeUnit;

/** Applies {@link StoreProperties} to every MongoDB client Boot builds, blocking or reactive. */
@AutoConfiguration
@ConditionalOnClass({ MongoClientSettings.class, MongoClientSettingsBuilderCustomizer.class })
@EnableConfigurationProperties(StoreProperties.class)
public class StoreAutoConfiguration {

	@Bean
	MongoClientSettingsBuilderCustomizer storeTimeouts(StoreProperties properties) {
		return new Timeouts(properties);
	}

	/** Runs before Boot applies the connection string, so options written there win. */
	record Timeouts(StoreProperties properties) implements MongoClientSettingsBuilderCustomizer, Ordered {

		@Override
		public void customize(MongoClientSettings.Builder settings) {
			settings.applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(
					properties.serverSelectionTimeout().toMillis(), TimeUnit.MILLISECONDS));
			settings.applyToSocketSettings(socket -> socket
				.connectTimeout((int) properties.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
				.readTimeout((int) properties.socketTimeout().toMillis(), TimeUnit.MILLISECONDS));
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}
	}
}
