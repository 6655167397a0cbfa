package io.panstack.operator.testsupport;

/**
 * A Pi-like repository schema for the backup tests: six tables with foreign keys and awkward data (quotes,
 * backslashes, newlines, tabs, emoji, NULLs, binary bytes, DOUBLE and DECIMAL, fractional seconds), about 15,600
 * rows; the trigger recordTableInteraction writing into mis_last_table_interactions (panintelligence.md 6), a
 * function, a procedure and a view, all defined by the application's user as the dashboard would create them.
 * Row counts are fixed: chartsInCategory(7) is 60.
 */
public final class PiRepository {
    private PiRepository() {
    }

    public static final String SQL = """
            CREATE DATABASE dashboard CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
            USE dashboard;

            CREATE TABLE mis_category (
              id INT PRIMARY KEY AUTO_INCREMENT,
              parent_id INT NULL,
              name VARCHAR(200) NOT NULL,
              CONSTRAINT fk_category_parent FOREIGN KEY (parent_id) REFERENCES mis_category (id)
            ) ENGINE=InnoDB;
            CREATE TABLE mis_user (
              id INT PRIMARY KEY AUTO_INCREMENT,
              username VARCHAR(64) NOT NULL UNIQUE,
              email VARCHAR(255),
              password_hash CHAR(64),
              created DATETIME(3) NOT NULL,
              active TINYINT(1) NOT NULL DEFAULT 1
            ) ENGINE=InnoDB;
            CREATE TABLE mis_chart (
              id INT PRIMARY KEY AUTO_INCREMENT,
              category_id INT NOT NULL,
              owner_id INT NOT NULL,
              name VARCHAR(200) NOT NULL,
              definition LONGTEXT,
              thumbnail BLOB,
              updated TIMESTAMP(6) NULL,
              KEY ix_chart_name (name),
              CONSTRAINT fk_chart_category FOREIGN KEY (category_id) REFERENCES mis_category (id),
              CONSTRAINT fk_chart_owner FOREIGN KEY (owner_id) REFERENCES mis_user (id)
            ) ENGINE=InnoDB;
            CREATE TABLE mis_audit_log (
              id BIGINT PRIMARY KEY AUTO_INCREMENT,
              user_id INT,
              action ENUM('login', 'view', 'edit', 'export') NOT NULL,
              detail TEXT,
              at DATETIME(6) NOT NULL,
              amount DECIMAL(14, 4),
              ratio DOUBLE
            ) ENGINE=InnoDB;
            CREATE TABLE mis_last_table_interactions (
              table_name VARCHAR(64) PRIMARY KEY,
              interacted_at DATETIME(6) NOT NULL,
              interactions INT NOT NULL
            ) ENGINE=InnoDB;
            CREATE TABLE mis_setting (
              name VARCHAR(100) PRIMARY KEY,
              value TEXT,
              secret VARBINARY(255)
            ) ENGINE=InnoDB;

            CREATE DEFINER = 'pi'@'%' TRIGGER recordTableInteraction AFTER INSERT ON mis_chart FOR EACH ROW
              INSERT INTO mis_last_table_interactions (table_name, interacted_at, interactions)
              VALUES ('mis_chart', NOW(6), 1)
              ON DUPLICATE KEY UPDATE interacted_at = NOW(6), interactions = interactions + 1;

            DELIMITER //
            CREATE DEFINER = 'pi'@'%' FUNCTION chartsInCategory(category INT) RETURNS INT
              READS SQL DATA
            BEGIN
              DECLARE n INT;
              SELECT COUNT(*) INTO n FROM mis_chart WHERE category_id = category;
              RETURN n;
            END//
            CREATE DEFINER = 'pi'@'%' PROCEDURE touchTable(IN touched VARCHAR(64))
            BEGIN
              INSERT INTO mis_last_table_interactions (table_name, interacted_at, interactions)
              VALUES (touched, NOW(6), 1)
              ON DUPLICATE KEY UPDATE interacted_at = NOW(6), interactions = interactions + 1;
            END//
            DELIMITER ;

            CREATE DEFINER = 'pi'@'%' SQL SECURITY DEFINER VIEW mis_chart_summary AS
              SELECT c.id, c.name, k.name AS category, u.username AS owner
              FROM mis_chart c JOIN mis_category k ON k.id = c.category_id JOIN mis_user u ON u.id = c.owner_id;

            INSERT INTO mis_category (id, parent_id, name)
              SELECT seq, IF(seq > 10, 1 + seq % 10, NULL),
                     CONCAT('Category ', seq, ' – “Sales” & ''Ops'' ', CHAR(92 USING utf8mb4), ' 📊')
              FROM seq_1_to_50;
            INSERT INTO mis_user (id, username, email, password_hash, created, active)
              SELECT seq, CONCAT('user', seq), IF(seq % 9 = 0, NULL, CONCAT('user', seq, '@example.com')),
                     SHA2(CONCAT('salt', seq), 256), '2024-01-01 00:00:00.123' + INTERVAL seq MINUTE, seq % 7 <> 0
              FROM seq_1_to_500;
            INSERT INTO mis_chart (id, category_id, owner_id, name, definition, thumbnail, updated)
              SELECT seq, 1 + seq % 50, 1 + seq % 500, CONCAT('Chart ', seq),
                     CONCAT('{"sql": "SELECT * FROM sales WHERE region = ''EMEA'' AND name LIKE ',
                            CHAR(92, 34 USING utf8mb4), '%', seq, '%', CHAR(92, 34 USING utf8mb4), '",',
                            CHAR(10 USING utf8mb4), ' "note": "tab', CHAR(9 USING utf8mb4), 'end Ünïcødé 😀",',
                            ' "pad": "', REPEAT(MD5(seq), 12), '"}'),
                     IF(seq % 11 = 0, NULL, UNHEX(CONCAT(SHA2(seq, 256), '000a0d1a5c2722ff'))),
                     '2024-06-01 12:00:00.000001' + INTERVAL seq SECOND
              FROM seq_1_to_3000;
            INSERT INTO mis_audit_log (id, user_id, action, detail, at, amount, ratio)
              SELECT seq, 1 + seq % 500, ELT(1 + seq % 4, 'login', 'view', 'edit', 'export'),
                     IF(seq % 10 = 0, NULL, CONCAT('detail ', seq, CHAR(9 USING utf8mb4), REPEAT('x', seq % 200))),
                     '2024-01-01 00:00:00.654321' + INTERVAL seq SECOND, seq / 7, seq * 1.5e-3 + 1 / 3
              FROM seq_1_to_12000;
            INSERT INTO mis_setting (name, value, secret)
              SELECT CONCAT('setting.', seq), CONCAT('value ', seq, CHAR(13, 10 USING utf8mb4), 'line two'),
                     UNHEX(SHA2(seq, 256))
              FROM seq_1_to_30;
            """;
}
