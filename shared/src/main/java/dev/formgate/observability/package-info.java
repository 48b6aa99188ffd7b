/** What every service shares for metrics and traces: cached store gauges and the scrubbing of observations. */
package dev.formgate.observability;
