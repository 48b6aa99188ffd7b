/** What the gateway and every service share for metrics and traces: no query string or address in any of them. */
package dev.formgate.observability;
