/** The usage log the privacy notice names, with anonymised addresses, its daily statistics and their retention. */
package dev.formgate.gateway.usage;
