/** The gateway's entry in the record of processing: the personal data it holds, announced to the registry. */
package dev.formgate.gateway.privacy;
