// Databases are never lost or misreported (issue 14): atomic creation, parallel first use,
// recovery after a crash, real causes in messages, nothing left behind by a failed load, and
// writes refused on damaged pages. Disk full is injected through an SQLite VFS.
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <thread>

#include <sys/wait.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "lawlist/io/reader.hpp"
#include "lawlist/load/load.hpp"
#include "lawlist/store/queries.hpp"
#include "test_support.hpp"

namespace lawlist::store {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using testing::TempDir;

std::string digest(const fs::path& path) {
    return io::sha256_hex(testing::read_file(path));
}

std::vector<std::string> names_in(const fs::path& dir) {
    std::vector<std::string> out;
    for (const auto& entry : fs::directory_iterator(dir)) {
        out.push_back(entry.path().filename().string());
    }
    std::sort(out.begin(), out.end());
    return out;
}

fs::path example() {
    return testing::source_dir() / "examples" / "basic";
}

TEST(StoreSafety, concurrent_first_loads_all_succeed_and_keep_the_database) {
    for (int round = 0; round < 5; ++round) {
        TempDir dir;
        const auto db = dir.path() / "db" / "lists.db";
        std::atomic<int> failed{0};
        std::vector<std::thread> threads;
        for (int i = 0; i < 4; ++i) {
            threads.emplace_back([&] {
                try {
                    load::load({example()}, db, testing::schemas(), std::nullopt);
                } catch (const std::exception&) {
                    ++failed;
                }
            });
        }
        for (auto& t : threads) {
            t.join();
        }
        EXPECT_EQ(failed, 0);
        ASSERT_TRUE(fs::exists(db));
        // No temporary database of a losing load is left (a reader of a WAL database leaves
        // its empty -wal and -shm files, as SQLite does).
        EXPECT_EQ(names_in(db.parent_path()), std::vector<std::string>{"lists.db"});
        EXPECT_EQ(revisions(Database::open(db, Database::Mode::read_only)).size(), 2u);
    }
}

TEST(StoreSafety, parallel_first_use_builds_the_bundled_database_once) {
    TempDir dir;
    const auto db = dir.path() / "share" / "lawlist.db";
    const auto data = testing::source_dir() / "data";
    std::atomic<int> failed{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i) {
        threads.emplace_back([&] {
            try {
                load::ensure_bundled(db, data, testing::schemas());
                revisions(Database::open(db, Database::Mode::read_only));
            } catch (const std::exception& e) {
                ADD_FAILURE() << e.what();
                ++failed;
            }
        });
    }
    for (auto& t : threads) {
        t.join();
    }
    EXPECT_EQ(failed, 0);
    EXPECT_EQ(names_in(db.parent_path()),
              (std::vector<std::string>{"lawlist.db", "lawlist.db.lock"}));
}

TEST(StoreSafety, the_bundled_database_is_rebuilt_when_its_sources_change) {
    TempDir dir;
    const auto db = dir.path() / "lawlist.db";
    const auto data = dir.path() / "data";
    fs::copy(testing::source_dir() / "data", data, fs::copy_options::recursive);
    load::ensure_bundled(db, data, testing::schemas());
    const auto before = revisions(Database::open(db, Database::Mode::read_only));
    // A data fix to a file of an existing revision, as a `git pull` brings.
    fs::path file;
    for (const auto& entry : fs::recursive_directory_iterator(data / "base")) {
        if (entry.path().filename() == "jurisdiction.yaml") {
            file = entry.path();
            break;
        }
    }
    ASSERT_FALSE(file.empty());
    std::ofstream(file, std::ios::app) << "# a comment changes the sources\n";
    EXPECT_NO_THROW(load::ensure_bundled(db, data, testing::schemas()));
    const auto after = revisions(Database::open(db, Database::Mode::read_only));
    EXPECT_EQ(after.size(), before.size());
}

TEST(StoreSafety, a_hot_journal_is_rolled_back_on_a_read_only_open) {
    TempDir dir;
    const auto db = dir.path() / "lists.db";
    { Database::create(db, Database::Journal::rollback); }
    load::load({example()}, db, testing::schemas(), std::nullopt);
    const auto good = digest(db);
    // A writer in the middle of a transaction, its pages spilled to the file; the files are
    // copied as a crash would leave them.
    const auto crashed = dir.path() / "crashed.db";
    {
        sqlite3* writer = nullptr;
        ASSERT_EQ(sqlite3_open(db.c_str(), &writer), SQLITE_OK);
        ASSERT_EQ(sqlite3_exec(writer,
                               "PRAGMA cache_size = 1; BEGIN IMMEDIATE; "
                               "UPDATE item SET name = name || '被改坏'; DELETE FROM body;",
                               nullptr, nullptr, nullptr),
                  SQLITE_OK);
        ASSERT_TRUE(fs::exists(dir.path() / "lists.db-journal"));
        fs::copy_file(db, crashed);
        fs::copy_file(dir.path() / "lists.db-journal", dir.path() / "crashed.db-journal");
        sqlite3_exec(writer, "ROLLBACK", nullptr, nullptr, nullptr);
        sqlite3_close(writer);
    }
    ASSERT_NE(digest(crashed), good);
    const auto database = Database::open(crashed, Database::Mode::read_only);
    const auto rows = items(database, {});
    ASSERT_FALSE(rows.empty());
    EXPECT_THAT(rows.front().item.name, ::testing::Not(HasSubstr("被改坏")));
}

TEST(StoreSafety, failures_say_what_is_wrong_with_the_file) {
    TempDir dir;
    const auto db = dir.path() / "lists.db";
    load::load({example()}, db, testing::schemas(), std::nullopt);
    const std::string bytes = testing::read_file(db);
    const auto truncated = dir.write("truncated.db", bytes.substr(0, 4096 + 100));
    try {
        items(Database::open(truncated, Database::Mode::read_only), {});
        ADD_FAILURE() << "a truncated database was read";
    } catch (const DatabaseError& e) {
        EXPECT_THAT(e.what(), ::testing::Not(HasSubstr("not an SQLite file")));
        EXPECT_THAT(e.what(), ::testing::AnyOf(HasSubstr("damaged"), HasSubstr("truncated"),
                                               HasSubstr("malformed")));
    }
    const auto text = dir.write("text.db", std::string(8192, 'x'));
    try {
        Database::open(text, Database::Mode::read_only);
        ADD_FAILURE() << "a text file was opened";
    } catch (const DatabaseError& e) {
        EXPECT_THAT(e.what(), HasSubstr("not a lawlist database (not an SQLite file)"));
    }
}

TEST(StoreSafety, a_load_into_damaged_pages_is_refused_and_writes_nothing) {
    TempDir dir;
    const auto db = dir.path() / "lists.db";
    load::load({example()}, db, testing::schemas(), std::nullopt);
    std::string bytes = testing::read_file(db);
    ASSERT_GT(bytes.size(), 4096u * 6);
    // Scribble over the middle of a page after the schema.
    for (std::size_t i = 4096 * 4 + 8; i < 4096 * 4 + 400; ++i) {
        bytes[i] = static_cast<char>(0xA5);
    }
    std::ofstream(db, std::ios::binary | std::ios::trunc) << bytes;
    const auto damaged = digest(db);
    const auto root = dir.copy_example();
    testing::edit(root / "yangli-town" / "jurisdiction.yaml", "revision: 2024年版",
                  "revision: 2025年版");
    try {
        load::load({root}, db, testing::schemas(), std::nullopt);
        ADD_FAILURE() << "loaded into a damaged database";
    } catch (const Error& e) {
        EXPECT_THAT(e.what(), ::testing::AnyOf(HasSubstr("damaged"), HasSubstr("malformed")));
    }
    EXPECT_EQ(digest(db), damaged);
}

// A VFS over the default one whose writes fail with SQLITE_FULL once `budget` bytes are written:
// a disk that fills up in the middle of a load.
struct FullDisk {
    static inline sqlite3_vfs* base = nullptr;
    static inline std::atomic<long long> budget{-1};  // negative: unlimited
    static inline sqlite3_vfs vfs{};
    static inline sqlite3_io_methods methods{};

    struct File {
        sqlite3_file base;
        sqlite3_file* real;
    };

    static sqlite3_file* real(sqlite3_file* f) { return reinterpret_cast<File*>(f)->real; }

    static int write(sqlite3_file* f, const void* data, int amount, sqlite3_int64 offset) {
        if (budget >= 0 && (budget -= amount) < 0) {
            return SQLITE_FULL;
        }
        return real(f)->pMethods->xWrite(real(f), data, amount, offset);
    }
    static int close(sqlite3_file* f) {
        const int rc = real(f)->pMethods ? real(f)->pMethods->xClose(real(f)) : SQLITE_OK;
        sqlite3_free(real(f));
        return rc;
    }

    static int open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* f, int flags, int* out) {
        auto* file = reinterpret_cast<File*>(f);
        file->real = static_cast<sqlite3_file*>(sqlite3_malloc(base->szOsFile));
        std::memset(file->real, 0, static_cast<std::size_t>(base->szOsFile));
        const int rc = base->xOpen(base, name, file->real, flags, out);
        if (rc != SQLITE_OK || !file->real->pMethods) {
            sqlite3_free(file->real);
            file->base.pMethods = nullptr;
            return rc;
        }
        // One table of methods for every file: copied from the first real file's, with the
        // write and close replaced; the rest forward through the same real methods.
        if (!methods.xRead) {
            methods = *file->real->pMethods;
            methods.iVersion = 1;  // no shared memory through this shim: rollback journals only
            methods.xWrite = write;
            methods.xClose = close;
#define FORWARD(member, ...)                                \
    methods.member = [](sqlite3_file* g, auto... args) {    \
        return real(g)->pMethods->member(real(g), args...); \
    };
            FORWARD(xRead)
            FORWARD(xTruncate)
            FORWARD(xSync)
            FORWARD(xFileSize)
            FORWARD(xLock)
            FORWARD(xUnlock)
            FORWARD(xCheckReservedLock)
            FORWARD(xFileControl)
            FORWARD(xSectorSize)
            FORWARD(xDeviceCharacteristics)
#undef FORWARD
        }
        file->base.pMethods = &methods;
        return SQLITE_OK;
    }

    static void install() {
        if (base) {
            return;
        }
        base = sqlite3_vfs_find(nullptr);
        vfs = *base;
        vfs.zName = "full-disk";
        vfs.szOsFile = static_cast<int>(sizeof(File));
        vfs.xOpen = open;
        sqlite3_vfs_register(&vfs, 1);
    }
};

TEST(StoreSafety, a_disk_that_fills_up_leaves_the_database_as_it_was) {
    FullDisk::install();
    TempDir dir;
    const auto db = dir.path() / "db" / "lists.db";
    {
        fs::create_directories(db.parent_path());
        Database::create(db, Database::Journal::rollback);
    }
    load::load({example()}, db, testing::schemas(), std::nullopt);
    const auto root = dir.copy_example();
    testing::edit(root / "yangli-town" / "jurisdiction.yaml", "revision: 2024年版",
                  "revision: 2025年版");
    testing::edit(root / "yangli-town" / "jurisdiction.yaml", "name: 样例镇", "name: 样例新镇");
    const auto before = digest(db);
    int failures = 0;
    for (long long budget = 0; budget < 400000; budget = budget * 2 + 4096) {
        FullDisk::budget = budget;
        try {
            load::load({root}, db, testing::schemas(), std::nullopt);
            FullDisk::budget = -1;
            break;  // enough room: the load went through
        } catch (const DatabaseError&) {
            ++failures;
        }
        FullDisk::budget = -1;
        ASSERT_EQ(digest(db), before) << "after a failed load with " << budget << " bytes free";
        ASSERT_EQ(names_in(db.parent_path()), std::vector<std::string>{"lists.db"});
    }
    EXPECT_GT(failures, 2);
    // A failed first load leaves nothing at all.
    const auto fresh = dir.path() / "fresh" / "new.db";
    for (long long budget = 0; budget < 100000; budget = budget * 2 + 4096) {
        FullDisk::budget = budget;
        try {
            load::load({root}, fresh, testing::schemas(), std::nullopt);
            FullDisk::budget = -1;
            break;
        } catch (const DatabaseError&) {
        }
        FullDisk::budget = -1;
        ASSERT_TRUE(fs::is_empty(fresh.parent_path())) << names_in(fresh.parent_path()).front();
    }
    FullDisk::budget = -1;
}

// A process that holds the write lock of `db` for `hold` (taken with `begin`), started and
// holding it when the constructor returns; joined by the destructor.
class LockHolder {
  public:
    LockHolder(const fs::path& db, const char* begin, std::chrono::milliseconds hold) {
        int ready[2];
        EXPECT_EQ(::pipe(ready), 0);
        m_child = ::fork();
        if (m_child == 0) {
            sqlite3* raw = nullptr;
            int rc = sqlite3_open(db.c_str(), &raw);
            rc |= sqlite3_exec(raw, begin, nullptr, nullptr, nullptr);
            rc |= sqlite3_exec(raw, "INSERT INTO meta (key, value) VALUES ('holder', 'done')",
                               nullptr, nullptr, nullptr);
            [[maybe_unused]] const auto written = ::write(ready[1], rc == SQLITE_OK ? "y" : "n", 1);
            std::this_thread::sleep_for(hold);
            rc |= sqlite3_exec(raw, "COMMIT", nullptr, nullptr, nullptr);
            sqlite3_close(raw);
            ::_exit(rc == SQLITE_OK ? 0 : 1);
        }
        char c = 0;
        EXPECT_EQ(::read(ready[0], &c, 1), 1);
        EXPECT_EQ(c, 'y');
        ::close(ready[0]);
        ::close(ready[1]);
    }
    ~LockHolder() {
        int status = 0;
        ::waitpid(m_child, &status, 0);
        EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    LockHolder(const LockHolder&) = delete;
    LockHolder& operator=(const LockHolder&) = delete;

  private:
    pid_t m_child = -1;
};

// The notices of waiting said while it lives.
class Notices {
  public:
    Notices()
        : m_previous(set_wait_notice([this](const fs::path& path) { told.push_back(path); })) {}
    ~Notices() { set_wait_notice(m_previous); }
    std::vector<fs::path> told;

  private:
    WaitNotice m_previous;
};

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

TEST(StoreSafety, a_writer_waits_for_another_process_writing_and_says_so_readers_do_not_wait) {
    TempDir dir;
    const auto db = dir.path() / "lists.db";
    load::load({example()}, db, testing::schemas(), std::nullopt);  // a WAL database
    Notices notices;
    {
        const LockHolder holder(db, "BEGIN IMMEDIATE", std::chrono::milliseconds(1500));
        auto start = std::chrono::steady_clock::now();
        EXPECT_EQ(revisions(Database::open(db, Database::Mode::read_only)).size(), 2u);
        EXPECT_LT(seconds_since(start), 1.0);
        EXPECT_TRUE(notices.told.empty());
        start = std::chrono::steady_clock::now();
        Database database = Database::open(db, Database::Mode::read_write);
        database.set_meta("waiter", std::string("done"));  // waits for the holder's commit
        EXPECT_GE(seconds_since(start), 1.0);
        EXPECT_EQ(notices.told, std::vector<fs::path>{db});
    }
    const auto database = Database::open(db, Database::Mode::read_only);
    EXPECT_EQ(database.meta("holder"), "done");
    EXPECT_EQ(database.meta("waiter"), "done");
}

TEST(StoreSafety, a_reader_of_a_rollback_journal_waits_for_a_commit_instead_of_failing) {
    TempDir dir;
    const auto db = dir.path() / "lists.db";
    Database::create(db, Database::Journal::rollback);  // as the per-user database
    load::load({example()}, db, testing::schemas(), std::nullopt);
    Notices notices;
    const LockHolder holder(db, "BEGIN EXCLUSIVE", std::chrono::milliseconds(1500));
    const auto start = std::chrono::steady_clock::now();
    const auto database = Database::open(db, Database::Mode::read_only);
    EXPECT_EQ(database.meta("holder"), "done");
    EXPECT_GE(seconds_since(start), 1.0);
    EXPECT_EQ(notices.told, std::vector<fs::path>{db});
}

}  // namespace
}  // namespace lawlist::store
