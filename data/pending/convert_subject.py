# Part C: item holders become 实施主体 (subject) and 承办机构 (unit), in every revision.
import glob,re,yaml,os
GOV={'shihe-town':'shihe-gov','dongcheng-subdistrict':'dongcheng-office'}
dirs=sorted(glob.glob('data/base/*')+glob.glob('data/revisions/*/*'))
dirs=[d for d in dirs if os.path.isdir(d)]
# Bodies of each jurisdiction (the revision's own jurisdiction file, else the base one).
def bodies_of(d):
    j=yaml.safe_load(open(f'{d}/jurisdiction.yaml'))
    return j['id'],{b['id']:b for b in j['bodies']}
for d in dirs:
    jid,bodies=bodies_of(d)
    # jurisdiction: teams belong to the township government / subdistrict office
    p=f'{d}/jurisdiction.yaml'
    s=open(p).read()
    if jid in GOV:
        gov=GOV[jid]
        team=[b for b in bodies.values() if b['kind']=='township-team']
        for t in team:
            if 'parent' not in t:
                s=re.sub(r'(  - id: '+t['id']+r'\n(?:    .*\n)*?    kind: township-team\n)', r'\1    parent: '+gov+'\n', s, count=1)
        if jid=='dongcheng-subdistrict':
            s=s.replace('  - id: dongcheng-office\n    name: 泽川县人民政府东城街道办事处\n    kind: government\n','  - id: dongcheng-office\n    name: 东城街道办事处\n    kind: subdistrict-office\n')
        open(p,'w').write(s)
    for p in sorted(glob.glob(f'{d}/power-*.yaml')):
        lines=open(p).read().split('\n')
        out=[];i=0
        starts=[k for k,l in enumerate(lines) if l.startswith('  - code: ')]
        # find per item the delegation line
        deleg={}
        for k,a in enumerate(starts):
            b=starts[k+1] if k+1<len(starts) else len(lines)
            for l in lines[a:b]:
                m=re.match(r'    delegation: \{from: ([^,]+), mode: ([^,]+), item: ([^}]+)\}',l)
                if m: deleg[a]=(m.group(1),m.group(2))
        cur=None
        for k,l in enumerate(lines):
            if k in starts: cur=k
            m=re.match(r'    body: (\S+)$',l)
            if not m: out.append(l); continue
            holder=m.group(1)
            if cur in deleg:
                frm,mode=deleg[cur]
                subject=GOV[jid] if mode=='赋权' else frm
                out.append(f'    subject: {subject}'); out.append(f'    unit: {holder}')
            else:
                b=bodies[holder]
                if b['kind'] in ('sector-team','stationed-squad'):
                    out.append(f'    subject: {b["parent"]}'); out.append(f'    unit: {holder}')
                else:
                    out.append(f'    subject: {holder}')
        open(p,'w').write('\n'.join(out))
