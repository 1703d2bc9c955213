package io.github.tokenstore.examples.fakezoho;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for Zoho in demo mode and tests: several data centers ({@link FakeDataCenter}, e.g. US and EU)
 * on one server, each with its own accounts server, client secret, signing keys and CRM API, and a rule
 * for where a user's account lives, so that a multi-DC login works as on Zoho: it starts at the first data
 * center's authorize page, and a user of another one is sent back with that data center's
 * {@code location} and {@code accounts-server}. Thread-safe.
 */
public final class FakeZoho {

    private final Map<String, FakeDataCenter> dataCenters;
    private final List<String> students;
    private final AtomicLong unknownRequests = new AtomicLong();

    /**
     * @param dataCenters the data centers, the first being where every login starts (Zoho's US)
     * @param students    the demo students the authorize page offers (any other address works too)
     * @throws IllegalArgumentException if there is no data center, or two have the same location
     */
    public FakeZoho(List<FakeDataCenter> dataCenters, List<String> students) {
        if (dataCenters.isEmpty()) {
            throw new IllegalArgumentException("dataCenters is empty; the fake Zoho server needs at least one");
        }
        Map<String, FakeDataCenter> byLocation = new LinkedHashMap<>();
        for (FakeDataCenter dc : dataCenters) {
            if (byLocation.put(dc.location(), dc) != null) {
                throw new IllegalArgumentException("dataCenters has " + dc.location() + " twice");
            }
        }
        this.dataCenters = Collections.unmodifiableMap(byLocation);
        this.students = List.copyOf(students);
    }

    /** The data center of that location code (e.g. {@code eu}), if the fake has it. */
    public Optional<FakeDataCenter> dataCenter(String location) {
        return Optional.ofNullable(location == null ? null : dataCenters.get(location));
    }

    /** Every data center, the first one first. */
    public List<FakeDataCenter> dataCenters() {
        return List.copyOf(dataCenters.values());
    }

    /**
     * Where the account of {@code user} lives: the data center whose location is the last label of the
     * e-mail domain ({@code emma@zylker.eu} → {@code eu}), else the first one. A stateless rule, so that
     * tests can make up users of each data center.
     */
    public FakeDataCenter homeOf(String user) {
        String domain = user.substring(user.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        String tld = domain.substring(domain.lastIndexOf('.') + 1);
        return dataCenters.getOrDefault(tld, dataCenters.values().iterator().next());
    }

    /** The demo students the authorize page offers. */
    public List<String> students() {
        return students;
    }

    /** Counts a request under the fake's path that names no data center of it (e.g. a forged accounts server). */
    public void unknownRequest() {
        unknownRequests.incrementAndGet();
    }

    /** Requests that named no data center of the fake, since the server started. */
    public long unknownRequests() {
        return unknownRequests.get();
    }

    /**
     * Revokes a refresh token at whichever data center issued it.
     *
     * @return whether one of them knew it
     */
    public boolean revoke(String refreshToken) {
        for (FakeDataCenter dc : dataCenters.values()) {
            if (dc.revoke(refreshToken)) {
                return true;
            }
        }
        return false;
    }
}
