/** The Keel API on a real Redis or Redis Cluster, over Lettuce: {@link dev.keel.Keel#redis(String)}. */
package dev.keel.redis;
