-- lawlist database schema, version 4: the sectors vocabulary (行业领域) is data. A load that carries
-- a sectors file adds its codes or renames them; codes are never removed, since older revisions
-- keep naming them. Seeded with the 17 county departments that applied before.
CREATE TABLE IF NOT EXISTS sector (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL
);
INSERT OR IGNORE INTO sector (code, name) VALUES
    ('urban', '城市管理/综合行政执法局'),
    ('emergency', '应急管理局'),
    ('police', '公安局'),
    ('fire', '消防救援大队'),
    ('natural-resources', '规划和自然资源局'),
    ('ecology', '生态环境局'),
    ('housing', '住房和城乡建设局'),
    ('market', '市场监督管理局'),
    ('religion', '民族宗教事务局'),
    ('hrss', '人力资源和社会保障局'),
    ('agriculture', '农业农村局'),
    ('forestry', '林业局'),
    ('water', '水利局'),
    ('education', '教育局'),
    ('culture-tourism', '文化和旅游局'),
    ('health', '卫生健康局'),
    ('transport', '交通运输局');
