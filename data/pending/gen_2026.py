# Builds data/pending/revisions-2026 (to become data/revisions/2026) from data/revisions/2025 (zechuan-county, shihe-town).
import os,re,shutil,glob
SRC='data/revisions/2025'; DST='data/pending/revisions-2026'
for j in ['zechuan-county','shihe-town']:
    if os.path.exists(f'{DST}/{j}'): shutil.rmtree(f'{DST}/{j}')
    shutil.copytree(f'{SRC}/{j}',f'{DST}/{j}')
def blocks(lines):
    starts=[i for i,l in enumerate(lines) if l.startswith('  - code: ')]+[len(lines)]
    return list(zip(starts,starts[1:]))
def edit_item(path, code, fn):
    lines=open(path).read().split('\n')
    for a,b in blocks(lines):
        if lines[a]==f'  - code: {code}':
            # the last block runs to EOF: keep the trailing empty line out of it
            end=b
            while end>a and lines[end-1]=='': end-=1
            new=fn(lines[a:end])
            lines[a:end]=new
            open(path,'w').write('\n'.join(lines)); return
    raise SystemExit(f'{code} not in {path}')
def set_field(block, key, value):
    for i,l in enumerate(block):
        if l.startswith(f'    {key}: '):
            block[i]=f'    {key}: {value}'; return block
    raise SystemExit(f'no {key} in {block[0]}')
def set_basis(block, bases):
    i=block.index('    basis:')
    j=i+1
    while j<len(block) and block[j].startswith('      - {'): j+=1
    return block[:i+1]+[f'      - {{{b}}}' for b in bases]+block[j:]
def set_remarks(block, text):
    old=[l[len('    remarks: '):] for l in block if l.startswith('    remarks: ')]
    block=[l for l in block if not l.startswith('    remarks: ')]
    return block+[f'    remarks: {"；".join(old+[text])}']
def pin(path, law, version):
    s=open(path).read()
    s=re.sub(r'\{law: '+law+r', (article: \d+[^}]*)\}', lambda m: '{law: '+law+', '+m.group(1)+', version: "'+version+'"}', s)
    open(path,'w').write(s)
C=f'{DST}/zechuan-county'; S=f'{DST}/shihe-town'
MR='law: 中华人民共和国矿产资源法'
def rebase(name, bases, remark):
    def f(b):
        b=set_field(b,'name',name)
        b=set_basis(b,bases)
        return set_remarks(b,remark)
    return f
R26='2026年调整：矿产资源法2024年修订（2025年7月1日施行）'
edit_item(f'{C}/power-natural-resources.yaml','ZC-NR-CF-012',rebase('对未取得采矿权开采矿产资源的行政处罚',[f'{MR}, article: 64, paragraph: 1, version: "2024"'],R26+'第六十四条第一款；原实施细则第四十二条罚款标准与新法不一致，不再引用'))
edit_item(f'{S}/power-natural-resources.yaml','SH-NR-CF-012',rebase('对未取得采矿权开采矿产资源的行政处罚',[f'{MR}, article: 64, paragraph: 1, version: "2024"'],R26+'第六十四条第一款'))
def cf013(b):
    b=set_field(b,'name','对超出采矿权登记的开采区域开采矿产资源的行政处罚')
    b=set_basis(b,[f'{MR}, article: 64, paragraph: 2, version: "2024"'])
    return set_remarks(b,R26+'第六十四条第二款')
edit_item(f'{C}/power-natural-resources.yaml','ZC-NR-CF-013',cf013)
edit_item(f'{C}/power-natural-resources.yaml','ZC-NR-CF-032',rebase('对未按照保护性开采要求开采特定战略性矿产资源的行政处罚',[f'{MR}, article: 68, paragraph: 2, version: "2024"'],R26+'第六十八条第二款；擅自进入国家规划矿区采矿的情形新法不再单列，无采矿权的按第六十四条第一款（ZC-NR-CF-012）'))
def xk(b):
    b=set_basis(b,[f'{MR}, article: 33, paragraph: 1, version: "2024"'])
    return set_remarks(b,R26+'第三十三条第一款：取得采矿权后经批准开采方案取得采矿许可证')
edit_item(f'{C}/power-natural-resources.yaml','ZC-NR-XK-002',xk)
# Cancelled: the 2024 text has no penalty for these.
def drop(path, code):
    lines=open(path).read().split('\n')
    for a,b in blocks(lines):
        if lines[a]==f'  - code: {code}':
            end=b
            while end>a and lines[end-1]=='': end-=1
            del lines[a:end]; open(path,'w').write('\n'.join(lines)); return
    raise SystemExit(code)
drop(f'{C}/power-natural-resources.yaml','ZC-NR-CF-033')
drop(f'{C}/power-natural-resources.yaml','ZC-NR-CF-034')
# 治安管理处罚法 2025 (in force 2026-01-01): the articles verified against quoted text.
ZA='law: 中华人民共和国治安管理处罚法'
R25='2026年调整：治安管理处罚法2025年修订（2026年1月1日施行）'
edit_item(f'{C}/power-police.yaml','ZC-POL-CF-017',lambda b: set_remarks(set_basis(b,[f'{ZA}, article: 43, item: 1, version: "2025"']),R25+'第四十三条第一项'))
edit_item(f'{C}/power-police.yaml','ZC-POL-CF-018',lambda b: set_remarks(set_basis(b,[f'{ZA}, article: 43, item: 3, version: "2025"']),R25+'第四十三条第三项'))
edit_item(f'{C}/power-police.yaml','ZC-POL-CF-009',lambda b: set_remarks(set_field(set_basis(b,[f'{ZA}, article: 88, version: "2025"']),'name','对违反关于社会生活噪声污染防治的法律法规规定产生社会生活噪声，经劝阻、调解和处理未能制止，继续干扰他人正常生活、工作和学习的行政处罚'),R25+'第八十八条（增加经劝阻、调解和处理未能制止的前提）'))
edit_item(f'{C}/power-police.yaml','ZC-POL-CF-010',lambda b: set_remarks(set_field(set_basis(b,[f'{ZA}, article: 89, paragraph: 1, version: "2025"',f'{ZA}, article: 89, paragraph: 2, version: "2025"',f'{ZA}, article: 89, paragraph: 3, version: "2025"']),'name','对饲养动物干扰他人正常生活、放任动物恐吓他人、违规出售或者饲养烈性犬等危险动物、未对动物采取安全措施致使动物伤害他人的行政处罚'),R25+'第八十九条第一款至第三款（第二款、第三款为新增情形）'))
# New: 高空抛物 (第四十三条第五项), an act the 2012 text did not punish.
pol=f'{C}/power-police.yaml'
s=open(pol).read()
anchor='  - code: ZC-POL-JC-001\n'
new='''  - code: ZC-POL-CF-030
    name: 对从建筑物或者其他高空抛掷物品，有危害他人人身安全、公私财产安全或者公共安全危险的行政处罚
    category: 行政处罚
    sector: police
    body: zc-police
    basis:
      - {law: 中华人民共和国治安管理处罚法, article: 43, item: 5, version: "2025"}
    violation_types: [high-altitude-throwing]
    remarks: 2026年调整新增：治安管理处罚法2025年修订第四十三条第五项
'''
assert s.count(anchor)==1
open(pol,'w').write(s.replace(anchor,new+anchor))
# Pending: cite the old texts by version, so that the audit reports them as superseded.
for p in glob.glob(f'{DST}/*/power-*.yaml'):
    pin(p,'中华人民共和国治安管理处罚法','2012')
    pin(p,'中华人民共和国传染病防治法','2013')
# pin() also touched the re-based citations that already name a version: undo the doubling.
for p in glob.glob(f'{DST}/*/power-*.yaml'):
    s=open(p).read().replace(', version: "2025", version: "2012"',', version: "2025"')
    open(p,'w').write(s)
for j in ['zechuan-county','shihe-town']:
    p=f'{DST}/{j}/jurisdiction.yaml'
    s=open(p).read()
    s=s.replace('# 2025年调整（2025年3月1日起施行）：新增赋权、取消、收回、依据调整和更名事项见 ../CHANGES.md。','# 2026年调整（2026年1月1日起施行）：依修订后的矿产资源法、治安管理处罚法调整的事项见 ../CHANGES.md。')
    s=s.replace('revision: 2025年调整','revision: 2026年调整').replace('effective: 2025-03-01','effective: 2026-01-01')
    open(p,'w').write(s)
p=f'{DST}/shihe-town/problems.yaml'
s=open(p).read()
assert s.count('ZC-NR-CF-033, ZC-NR-CF-034, ')==1
open(p,'w').write(s.replace('ZC-NR-CF-033, ZC-NR-CF-034, ',''))
# The 2025 text of 传染病防治法 is in force: say so on the items still citing the 2013 one.
for p in glob.glob(f'{DST}/*/power-health.yaml'):
    lines=open(p).read().split('\n')
    for a,b in reversed(blocks(lines)):
        block='\n'.join(lines[a:b])
        if 'version: "2013"' in block:
            end=b
            while end>a and lines[end-1]=='': end-=1
            lines[a:end]=set_remarks(lines[a:end],'2026年调整：传染病防治法2025年修订文本已于2025年9月1日施行，本事项暂依2013年修正文本，新条文核对后调整')
    open(p,'w').write('\n'.join(lines))
