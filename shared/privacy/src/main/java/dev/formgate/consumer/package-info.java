/** What every Kafka consumer shares: processed event ids, bounded retries into a dead-letter topic without personal data, and the admin list and replay of dead letters. */
package dev.formgate.consumer;
