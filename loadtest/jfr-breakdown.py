#!/usr/bin/env python3
"""Where the feature server's CPU goes, by part of the call path, from a JFR recording (loadtest/profile.sh).

Samples before the end of the start-up warm-up (the System.gc() that closes it) are left out: the throwaway
instance's lanes have the same names as the server's. Each execution sample of the server's own threads (not main) is given to the first
frame, from the leaf up, that names a part: a String.hashCode under the SIP parser is parsing, a HashMap.get under a
service is the services'. Prints each part's share of the samples, then the methods that take most time themselves.
Usage: jfr-breakdown.py RECORDING.jfr
"""
import subprocess, sys, collections, json, re
f=sys.argv[1]
data=json.loads(subprocess.run(['jfr','print','--json','--events','jdk.ExecutionSample','--stack-depth','128',f],capture_output=True,text=True).stdout)
gcs=json.loads(subprocess.run(['jfr','print','--json','--events','jdk.GarbageCollection',f],capture_output=True,text=True).stdout)
warmed=max([g['values']['startTime'] for g in gcs['recording']['events'] if g['values'].get('cause')=='System.gc()'] or [''])
RULES=[
 ('journal (Chronicle)', r'^net/openhft/|kz/btcom/fs/billing/journal/'),
 ('logging', r'^ch/qos/logback|^org/slf4j'),
 ('SIP parsing', r'gov/nist/javax/sip/parser/|gov/nist/core/(StringTokenizer|LexerCore|ParserCore)|kz/btcom/fs/sip/GuardedParser'),
 ('SIP encoding', r'\.encode(Body|AsBytes)?$|\.encodeMessage|\.encode$'),
 ('UDP send', r'UDPMessageChannel\.sendMessage|DatagramSocket\.send|DatagramChannelImpl\.send'),
 ('UDP receive', r'UDPMessageProcessor\.run|DatagramSocket\.receive|DatagramChannelImpl\.receive'),
 ('JAIN-SIP dialogs', r'gov/nist/javax/sip/stack/SIPDialog'),
 ('JAIN-SIP transactions', r'gov/nist/javax/sip/stack/SIP(Server|Client)?Transaction|SIPTransactionStack|DialogFilter'),
 ('JAIN-SIP timers', r'gov/nist/javax/sip/stack/timers|ScheduledThreadPoolExecutor'),
 ('JAIN-SIP headers/messages', r'gov/nist/'),
 ('services', r'kz/btcom/fs/(service|session|subscriber|sessioncase|numbering|featurecode|trace|billing)/'),
 ('lanes (hand-off)', r'kz/btcom/fs/sip/CallLanes|LinkedBlockingQueue|LockSupport|ThreadPoolExecutor\.execute'),
 ('B2BUA adapter', r'kz/btcom/fs/(sip|call)/'),
 ('metrics', r'io/prometheus'),
]
c=collections.Counter(); selfc=collections.Counter(); N=0
for e in data['recording']['events']:
    st=e['values'].get('stackTrace')
    if not st or e['values']['startTime'] < warmed: continue
    names=[x['method']['type']['name']+'.'+x['method']['name'] for x in st['frames']]
    t=(e['values'].get('sampledThread') or {}).get('javaName') or '?'
    if t.startswith('main') : continue
    N+=1
    selfc[names[0]]+=1
    cat='other (JDK)'
    for n in names:
        hit=None
        for label,rx in RULES:
            if re.search(rx,n): hit=label; break
        if hit: cat=hit; break
    c[cat]+=1
print('samples (call-path threads)',N)
for k,v in c.most_common(): print(f'{v*100/N:5.1f}%  {k}')
print('top methods by own time')
for k,v in selfc.most_common(15): print(f'{v*100/N:5.1f}%  {k}')
