#!/bin/bash
# Creates Formgate's topics with production settings before the services start, and re-applies the settings to
# topics that exist already (a binder may have created them with broker defaults). Idempotent: run it on every deploy.
# Runs in the apache/kafka image. Settings come from the environment:
#   BOOTSTRAP_SERVERS, PARTITIONS (≥ the most replicas of any consumer group), REPLICATION_FACTOR, MIN_INSYNC_REPLICAS,
#   TRANSPORT_RETENTION_MS (events between services), DLQ_RETENTION_MS (dead letters, time to look and replay).
set -euo pipefail
: "${BOOTSTRAP_SERVERS:?}" "${PARTITIONS:?}" "${REPLICATION_FACTOR:?}" "${MIN_INSYNC_REPLICAS:?}"
: "${TRANSPORT_RETENTION_MS:?}" "${DLQ_RETENTION_MS:?}"
bin=${KAFKA_BIN:-/opt/kafka/bin}

# topic NAME CLEANUP_POLICY [RETENTION_MS]
topic() {
  local name=$1 cleanup=$2 retention=${3:-}
  local configs="min.insync.replicas=$MIN_INSYNC_REPLICAS,cleanup.policy=$cleanup${retention:+,retention.ms=$retention}"
  local args=() config
  for config in ${configs//,/ }; do args+=(--config "$config"); done
  "$bin/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP_SERVERS" --create --if-not-exists --topic "$name" \
    --partitions "$PARTITIONS" --replication-factor "$REPLICATION_FACTOR" "${args[@]}"
  "$bin/kafka-configs.sh" --bootstrap-server "$BOOTSTRAP_SERVERS" --alter --entity-type topics --entity-name "$name" \
    --add-config "$configs"
  echo "topic $name: $configs"
}

# Transport topics (dev.formgate.events.Topics): events carry subjectRefs and facts, never plaintext personal data,
# and are kept only for consumers that were down.
topic newsletter.events delete "$TRANSPORT_RETENTION_MS"
topic contact.events delete "$TRANSPORT_RETENTION_MS"
topic comment.events delete "$TRANSPORT_RETENTION_MS"
topic privacy.requests delete "$TRANSPORT_RETENTION_MS"
topic privacy.outcomes delete "$TRANSPORT_RETENTION_MS"
# newsletter-service's campaign work topic: "send slice N of campaign C", ids only; its partitions are how many
# instances can share one campaign.
topic newsletter.campaign-slices delete "$TRANSPORT_RETENTION_MS"
# The inventory registry: each store's latest announcement (no personal data), compacted and kept.
topic privacy.inventory compact

# Dead letters, error.<destination>.<group> of every binding with enable-dlq: parked until someone replays them.
topic error.privacy.requests.newsletter-service delete "$DLQ_RETENTION_MS"
topic error.privacy.requests.contact-service delete "$DLQ_RETENTION_MS"
topic error.privacy.requests.comment-service delete "$DLQ_RETENTION_MS"
topic error.privacy.inventory.erasure-service delete "$DLQ_RETENTION_MS"
topic error.privacy.outcomes.erasure-service delete "$DLQ_RETENTION_MS"
topic error.newsletter.events.erasure-service delete "$DLQ_RETENTION_MS"
topic error.contact.events.erasure-service delete "$DLQ_RETENTION_MS"
topic error.comment.events.erasure-service delete "$DLQ_RETENTION_MS"
