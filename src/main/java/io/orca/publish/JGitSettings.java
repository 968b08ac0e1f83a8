package io.orca.publish;

import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

import java.io.File;

/**
 * JGit keeps a config file of its own ({@code ~/.config/jgit/config}) where it caches what it measured of the file
 * system (timestamp resolution). Orca gives it an in-memory one instead: no Orca command writes to the user's home
 * but the caches and state it documents, and read-only commands write nothing at all. The user's and the system's
 * Git config are read as usual.
 */
final class JGitSettings {
    private static boolean installed;

    private JGitSettings() {
    }

    static synchronized void install() {
        if (installed) return;
        SystemReader.setInstance(new SystemReader.Delegate(SystemReader.getInstance()) {
            @Override
            public FileBasedConfig openJGitConfig(Config parent, FS fs) {
                return new InMemory(parent, fs);
            }
        });
        installed = true;
    }

    /** A config that is never loaded from nor saved to a file. */
    private static final class InMemory extends FileBasedConfig {
        InMemory(Config parent, FS fs) {
            super(parent, new File("/nonexistent/orca/jgit/config"), fs);
        }

        @Override
        public void load() {
            // nothing to load: JGit's own settings start empty
        }

        @Override
        public void save() {
            // kept in memory only
        }

        @Override
        public boolean isOutdated() {
            return false;
        }
    }
}
