package kz.btcom.fs.admin.auth;

import kz.btcom.fs.tables.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

/**
 * The operator token a server without configured tokens makes at its first start and keeps in its data
 * directory, readable by its owner only. The log says where it is, never what it is.
 */
final class AdminTokenFile {

    static final String NAME = "admin-token";
    private static final int TOKEN_BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Logger log = LoggerFactory.getLogger(AdminTokenFile.class);

    private AdminTokenFile() {
    }

    static Path path(Path dataDir) {
        return dataDir.resolve(NAME);
    }

    /** The token in {@code file}, made first if there is none. */
    static String readOrCreate(Path file) throws ConfigException {
        if (!Files.exists(file)) {
            try {
                String token = create(file);
                log.info("no HTTP API tokens are configured ({}, {}): made an operator token, kept in {}",
                        AccessTokens.CONFIG_KEY, AccessTokens.ENV, file.toAbsolutePath());
                return token;
            } catch (FileAlreadyExistsException raced) {
                // Another process made it between the check and the creation: use theirs.
            } catch (IOException e) {
                throw ConfigException.of(file.toString(), "cannot make the API token file: " + reason(e));
            }
        }
        String token = read(file);
        log.info("no HTTP API tokens are configured ({}, {}): the operator token is in {}",
                AccessTokens.CONFIG_KEY, AccessTokens.ENV, file.toAbsolutePath());
        return token;
    }

    private static String create(Path file) throws IOException {
        byte[] secret = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Files.createDirectories(file.toAbsolutePath().getParent());
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!posix) {
            log.warn("{} cannot be made readable by its owner only on this file system", file);
        }
        // Created with its final permissions, so there is no moment at which others could read it.
        FileAttribute<?>[] ownerOnly = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        try (SeekableByteChannel out = Files.newByteChannel(file,
                EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly)) {
            ByteBuffer content = ByteBuffer.wrap((token + "\n").getBytes(StandardCharsets.US_ASCII));
            while (content.hasRemaining()) {
                out.write(content);
            }
        }
        return token;
    }

    private static String read(Path file) throws ConfigException {
        String token;
        try {
            token = Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw ConfigException.of(file.toString(), "cannot read the API token file: " + reason(e));
        }
        if (!AccessTokens.isTokenText(token) || token.length() < AccessTokens.MIN_TOKEN_LENGTH) {
            throw ConfigException.of(file.toString(), "holds no usable API token (one line of at least "
                    + AccessTokens.MIN_TOKEN_LENGTH + " visible characters); delete it to have a new one made");
        }
        warnIfOthersMayRead(file);
        return token;
    }

    private static void warnIfOthersMayRead(Path file) {
        try {
            if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                return;
            }
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.stream().anyMatch(p -> !p.name().startsWith("OWNER_"))) {
                log.warn("{} is open to others ({}): chmod 600 it", file, PosixFilePermissions.toString(permissions));
            }
        } catch (IOException e) {
            log.debug("cannot check the permissions of {}: {}", file, e.toString());
        }
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
