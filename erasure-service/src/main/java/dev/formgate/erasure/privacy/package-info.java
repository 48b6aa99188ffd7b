/** What personal data erasure-service itself holds, announced with the other stores' inventories. */
package dev.formgate.erasure.privacy;
