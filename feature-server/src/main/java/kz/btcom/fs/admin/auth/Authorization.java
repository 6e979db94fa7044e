package kz.btcom.fs.admin.auth;

import kz.btcom.fs.access.Principal;
import kz.btcom.fs.access.Role;
import kz.btcom.fs.admin.AdminRequest;
import kz.btcom.fs.admin.AdminResponse;
import kz.btcom.fs.admin.RequestHandler;
import kz.btcom.fs.config.HttpLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The bearer-token check in front of an endpoint (RFC 6750): no token or not a bearer token, 401; a token nobody
 * configured, 401; a known token whose role may not make this call, 403; an address that has presented too many
 * unknown tokens of late, 429 with Retry-After, whatever it presents ({@link FailedTokens}).
 */
public final class Authorization {

    /** The challenge of every 401. */
    public static final String CHALLENGE = "Bearer realm=\"btcom-fs\"";

    private static final Logger log = LoggerFactory.getLogger(Authorization.class);

    private final AccessTokens tokens;
    private final FailedTokens failedTokens;
    private final Refusals refusals;

    /** With the default limit on unknown tokens ({@link HttpLimits#DEFAULTS}), on the system clock. */
    public Authorization(AccessTokens tokens) {
        this(tokens, new FailedTokens(HttpLimits.DEFAULTS.maxFailedTokens(), HttpLimits.DEFAULTS.failedTokensWindow(),
                Clock.systemUTC()));
    }

    public Authorization(AccessTokens tokens, FailedTokens failedTokens) {
        this(tokens, failedTokens, (request, tokenId, role, refusal) -> refusal);
    }

    private Authorization(AccessTokens tokens, FailedTokens failedTokens, Refusals refusals) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.failedTokens = Objects.requireNonNull(failedTokens, "failedTokens");
        this.refusals = Objects.requireNonNull(refusals, "refusals");
    }

    /**
     * What a refusal (401, 403, 429) becomes before it leaves, for the endpoints this check guards; the trace
     * calls audit theirs. The count of unknown tokens stays one with this check's.
     */
    @FunctionalInterface
    public interface Refusals {
        /**
         * @param tokenId the presented token's id (the first hex digits of its SHA-256), "" when none came
         * @param role    the token's role, when it is a known token (a 403)
         * @return the answer to give: {@code refusal}, or another when it cannot be kept as it must be
         */
        AdminResponse refused(AdminRequest request, String tokenId, Optional<Role> role, AdminResponse refusal);
    }

    public Authorization withRefusals(Refusals kept) {
        return new Authorization(tokens, failedTokens, kept);
    }

    public RequestHandler requireRole(Set<Role> allowed, AuthenticatedHandler handler) {
        Set<Role> roles = EnumSet.copyOf(allowed);
        Objects.requireNonNull(handler, "handler");
        return request -> {
            Optional<String> token = request.header("Authorization").flatMap(Authorization::bearerToken);
            String tokenId = token.map(AccessTokens::tokenId).orElse("");
            Optional<Duration> refused = failedTokens.refusedFor(request.source());
            if (refused.isPresent()) {
                return refusals.refused(request, tokenId, Optional.empty(), tooManyFailures(request, refused.get()));
            }
            if (request.header("Authorization").isEmpty()) {
                return refusals.refused(request, tokenId, Optional.empty(),
                        unauthorized("this call needs an Authorization: Bearer <token> header", CHALLENGE));
            }
            if (token.isEmpty()) {
                return refusals.refused(request, tokenId, Optional.empty(),
                        unauthorized("the Authorization header is not Bearer <token>", CHALLENGE));
            }
            Optional<Principal> principal = tokens.authenticate(token.get());
            if (principal.isEmpty()) {
                log.debug("HTTP {} {} from {}: unknown bearer token {}", request.method(), request.path(),
                        request.source(), tokenId);
                failedTokens.failed(request.source());
                return refusals.refused(request, tokenId, Optional.empty(),
                        unauthorized("the bearer token is not known", CHALLENGE + ", error=\"invalid_token\""));
            }
            if (!roles.contains(principal.get().role())) {
                return refusals.refused(request, tokenId, Optional.of(principal.get().role()),
                        forbidden(request, principal.get(), roles));
            }
            return handler.handle(new AuthenticatedRequest(request, principal.get()));
        };
    }

    /** The token of {@code Bearer <token>}; the scheme is case-insensitive, the token one run of visible characters. */
    static Optional<String> bearerToken(String authorization) {
        String value = authorization.trim();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).equalsIgnoreCase("Bearer")) {
            return Optional.empty();
        }
        String token = value.substring(space + 1).trim();
        return AccessTokens.isTokenText(token) ? Optional.of(token) : Optional.empty();
    }

    private static AdminResponse unauthorized(String message, String challenge) {
        return AdminResponse.error(401, message).withHeader("WWW-Authenticate", challenge);
    }

    private static AdminResponse tooManyFailures(AdminRequest request, Duration left) {
        long seconds = Math.max(1, (left.toMillis() + 999) / 1000);
        log.debug("HTTP {} {} from {}: refused, too many unknown tokens", request.method(), request.path(),
                request.source());
        return AdminResponse.error(429, "too many unknown tokens from this address; try again in " + seconds + " s")
                .withHeader("Retry-After", String.valueOf(seconds));
    }

    private static AdminResponse forbidden(AdminRequest request, Principal principal, Set<Role> allowed) {
        log.debug("HTTP {} {}: refused to {}", request.method(), request.path(), principal);
        String roles = allowed.stream().map(Role::configName).collect(Collectors.joining(" or "));
        return AdminResponse.error(403, request.method() + " " + request.path() + " is for the " + roles
                + " role; this token's role is " + principal.role().configName());
    }
}
