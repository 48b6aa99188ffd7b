package dev.formgate.store;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.Ordered;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class StoreAutoConfigurationTests {

	final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(StoreAutoConfiguration.class));

	/** As Boot builds the client: our customizer, then Boot's own one, which applies the connection string. */
	static MongoClientSettings settings(MongoClientSettingsBuilderCustomizer ours, String uri) {
		MongoClientSettings.Builder builder = MongoClientSettings.builder();
		ours.customize(builder);
		builder.applyConnectionString(new ConnectionString(uri));
		return builder.build();
	}

	@Test
	void givesTheDriverShortTimeoutsSoThatAnOutageIsAnsweredInSeconds() {
		runner.run(context -> {
			var ours = context.getBean(MongoClientSettingsBuilderCustomizer.class);
			MongoClientSettings settings = settings(ours, "mongodb://127.0.0.1:27017/formgate-test");
			assertThat(settings.getClusterSettings().getServerSelectionTimeout(TimeUnit.MILLISECONDS)).isEqualTo(2000);
			assertThat(settings.getSocketSettings().getConnectTimeout(TimeUnit.MILLISECONDS)).isEqualTo(2000);
			assertThat(settings.getSocketSettings().getReadTimeout(TimeUnit.MILLISECONDS)).isEqualTo(10000);
			assertThat(((Ordered) ours).getOrder()).as("before Boot's connection-string customizer (order 0)")
				.isNegative();
		});
	}

	@Test
	void letsTheConnectionStringWin() {
		runner.withPropertyValues("formgate.store.server-selection-timeout=3s").run(context -> {
			var ours = context.getBean(MongoClientSettingsBuilderCustomizer.class);
			assertThat(settings(ours, "mongodb://127.0.0.1:27017/x").getClusterSettings()
				.getServerSelectionTimeout(TimeUnit.MILLISECONDS)).isEqualTo(3000);
			assertThat(settings(ours, "mongodb://127.0.0.1:27017/x?serverSelectionTimeoutMS=7000").getClusterSettings()
				.getServerSelectionTimeout(TimeUnit.MILLISECONDS)).isEqualTo(7000);
		});
	}
}
